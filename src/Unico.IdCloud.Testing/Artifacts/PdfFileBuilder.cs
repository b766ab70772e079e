using System.Globalization;
using System.Text;

namespace Unico.IdCloud.Testing;

/// <summary>
/// Writes a classic PDF 1.4 file by hand: header, numbered indirect objects, a cross-reference table whose entries
/// are the real byte offsets of those objects, the trailer and <c>%%EOF</c>.
/// </summary>
internal sealed class PdfFileBuilder
{
    private readonly SortedDictionary<int, List<PdfSegment>> _objects = [];
    private int _next = 1;

    /// <summary>Reserves the next object number, so objects can refer to each other before they are written.</summary>
    public int Reserve() => _next++;

    /// <summary>A non-stream object: a dictionary, array or other direct value in PDF syntax.</summary>
    public void SetObject(int number, string value) =>
        _objects[number] = [Ascii($"{number} 0 obj\n{value}\nendobj\n")];

    /// <summary>A stream object with the given data; <c>/Length</c> is added to <paramref name="dictionaryEntries"/>.</summary>
    public void SetStream(int number, string dictionaryEntries, byte[] data) =>
        _objects[number] =
        [
            Ascii($"{number} 0 obj\n<< {dictionaryEntries} /Length {data.Length.ToString(CultureInfo.InvariantCulture)} >>\nstream\n"),
            new PdfBytesSegment(data),
            Ascii("\nendstream\nendobj\n"),
        ];

    /// <summary>A stream of <paramref name="length"/> filler bytes, generated while writing.</summary>
    public void SetFillerStream(int number, long length) =>
        _objects[number] =
        [
            Ascii($"{number} 0 obj\n<< /Length {length.ToString(CultureInfo.InvariantCulture)} >>\nstream\n"),
            new PdfFillerSegment(length),
            Ascii("\nendstream\nendobj\n"),
        ];

    public PdfFile Build(int root, int info)
    {
        if (_objects.Count != _next - 1)
        {
            throw new InvalidOperationException("Every reserved PDF object must be written before the file is built.");
        }

        // The second line's bytes above 127 mark the file as binary for transfer tools (PDF 32000-1 §7.5.2).
        var segments = new List<PdfSegment> { new PdfBytesSegment([.. "%PDF-1.4\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']) };
        var offset = segments[0].Length;
        var offsets = new List<long>();
        foreach (var parts in _objects.Values)
        {
            offsets.Add(offset);
            foreach (var part in parts)
            {
                segments.Add(part);
                offset += part.Length;
            }
        }

        var xref = new StringBuilder();
        xref.Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n");
        xref.Append("0000000000 65535 f \n"); // each entry is exactly 20 bytes, EOL included
        foreach (var objectOffset in offsets)
        {
            xref.Append(CultureInfo.InvariantCulture, $"{objectOffset:D10} 00000 n \n");
        }

        xref.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root {root} 0 R /Info {info} 0 R >>\n");
        xref.Append(CultureInfo.InvariantCulture, $"startxref\n{offset}\n%%EOF\n");
        segments.Add(Ascii(xref.ToString()));
        return new PdfFile(segments);
    }

    /// <summary>A PDF literal string: ASCII only, with <c>\</c>, <c>(</c> and <c>)</c> escaped.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('(');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '(' or ')':
                    builder.Append('\\').Append(c);
                    break;
                case >= ' ' and <= '~':
                    builder.Append(c);
                    break;
                default:
                    builder.Append('?');
                    break;
            }
        }

        return builder.Append(')').ToString();
    }

    private static PdfBytesSegment Ascii(string text) => new(Encoding.ASCII.GetBytes(text));
}
