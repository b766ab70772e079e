using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>
/// Checks a classic (non-incremental, xref-table) PDF the way a reader finds its way through it: <c>startxref</c> →
/// the cross-reference table → every entry's byte offset must land on <c>n 0 obj</c> → the trailer's <c>/Root</c> →
/// a <c>/Catalog</c> → <c>/Pages</c> → one <c>/Page</c> with a content stream whose <c>/Length</c> is right.
/// Proves validity in CI without pdftoppm.
/// </summary>
public sealed partial class PdfStructure
{
    private readonly string _text;

    private PdfStructure(string text, Dictionary<int, int> offsets)
    {
        _text = text;
        Offsets = offsets;
    }

    public IReadOnlyDictionary<int, int> Offsets { get; }

    public string PageContent { get; private set; } = string.Empty;

    public int ObjectCount => Offsets.Count;

    public static PdfStructure Parse(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.", text, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);

        var startxref = text.LastIndexOf("startxref\n", StringComparison.Ordinal);
        Assert.True(startxref > 0, "no startxref");
        var xrefOffset = int.Parse(text[(startxref + 10)..text.IndexOf('\n', startxref + 10)], CultureInfo.InvariantCulture);
        Assert.Equal("xref\n", text.Substring(xrefOffset, 5));

        var header = SubsectionHeader().Match(text, xrefOffset + 5);
        Assert.True(header.Success && header.Index == xrefOffset + 5, "no xref subsection header");
        Assert.Equal(0, int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture));
        var count = int.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture);

        var offsets = new Dictionary<int, int>();
        var entryStart = header.Index + header.Length;
        for (var number = 0; number < count; number++)
        {
            var entry = text.Substring(entryStart + (number * 20), 20);
            var match = XrefEntry().Match(entry);
            Assert.True(match.Success, $"xref entry {number} is not 20 well-formed bytes: '{entry}'");
            if (number == 0)
            {
                Assert.Equal("f", match.Groups[3].Value);
                continue;
            }

            Assert.Equal("n", match.Groups[3].Value);
            var offset = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var expected = number.ToString(CultureInfo.InvariantCulture) + " 0 obj";
            Assert.True(string.CompareOrdinal(text, offset, expected, 0, expected.Length) == 0, $"xref offset of object {number} does not point at '{expected}'");
            offsets[number] = offset;
        }

        var trailerStart = entryStart + (count * 20);
        Assert.Equal("trailer", text.Substring(trailerStart, 7));
        var trailer = text[trailerStart..startxref];
        Assert.Equal(count, int.Parse(Reference(trailer, "Size"), CultureInfo.InvariantCulture));

        var pdfStructure = new PdfStructure(text, offsets);
        var catalog = pdfStructure.ObjectText(ObjectNumber(trailer, "Root"));
        Assert.Contains("/Type /Catalog", catalog, StringComparison.Ordinal);
        var pages = pdfStructure.ObjectText(ObjectNumber(catalog, "Pages"));
        Assert.Contains("/Type /Pages", pages, StringComparison.Ordinal);
        Assert.Contains("/Count 1", pages, StringComparison.Ordinal);
        var kid = Kids().Match(pages);
        Assert.True(kid.Success, "no /Kids");
        var page = pdfStructure.ObjectText(int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Matches(@"/Type /Page\b(?!s)", page);
        Assert.Contains("/MediaBox", page, StringComparison.Ordinal);
        pdfStructure.PageContent = pdfStructure.StreamData(ObjectNumber(page, "Contents"));
        return pdfStructure;
    }

    /// <summary>The text of object <paramref name="number"/>, from <c>n 0 obj</c> to <c>endobj</c>.</summary>
    public string ObjectText(int number)
    {
        Assert.True(Offsets.TryGetValue(number, out var offset), $"object {number} is not in the xref table");
        var end = _text.IndexOf("endobj", offset, StringComparison.Ordinal);
        Assert.True(end > offset, $"object {number} has no endobj");
        return _text[offset..end];
    }

    /// <summary>A stream object's data, checked against its <c>/Length</c>.</summary>
    public string StreamData(int number)
    {
        var offset = Offsets[number];
        var header = _text.IndexOf(">>\nstream\n", offset, StringComparison.Ordinal);
        var length = int.Parse(Reference(_text[offset..header], "Length"), CultureInfo.InvariantCulture);
        var dataStart = header + ">>\nstream\n".Length;
        Assert.Equal("\nendstream", _text.Substring(dataStart + length, 10));
        return _text.Substring(dataStart, length);
    }

    /// <summary>The data of the image XObject the page draws, if any.</summary>
    public byte[]? ImageData()
    {
        foreach (var number in Offsets.Keys)
        {
            var obj = ObjectText(number);
            if (obj.Contains("/Subtype /Image", StringComparison.Ordinal))
            {
                return Encoding.Latin1.GetBytes(StreamData(number));
            }
        }

        return null;
    }

    private static int ObjectNumber(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, "/" + key + @" (\d+) 0 R");
        Assert.True(match.Success, $"/{key} is not an indirect reference in: {dictionary}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Reference(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, "/" + key + @" (\d+)");
        Assert.True(match.Success, $"/{key} missing in: {dictionary}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"(\d+) (\d+)\n")]
    private static partial Regex SubsectionHeader();

    [GeneratedRegex(@"^(\d{10}) (\d{5}) ([nf])( \n|\r\n| \r)$")]
    private static partial Regex XrefEntry();

    [GeneratedRegex(@"/Kids \[(\d+) 0 R\]")]
    private static partial Regex Kids();
}
