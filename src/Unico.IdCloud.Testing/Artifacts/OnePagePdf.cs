using System.Globalization;
using System.Text;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The emulator's documents (evidence set, signed document, signature evidence): one A4 page of Helvetica text,
/// optionally with the selfie JPEG drawn on it, optionally padded to a requested size.
/// </summary>
internal static class OnePagePdf
{
    /// <summary>Builds the document.</summary>
    /// <param name="title">The heading.</param>
    /// <param name="lines">Body lines (ASCII; other characters print as '?').</param>
    /// <param name="jpeg">A grayscale baseline JPEG drawn top right, or null.</param>
    /// <param name="imagePixels">The JPEG's width and height in pixels.</param>
    /// <param name="minimumSize">
    /// The size wanted, in bytes. When it exceeds the natural size a filler stream makes up the difference, and the
    /// file is then exactly this long (unless the gap is smaller than one filler object, a few dozen bytes).
    /// </param>
    public static PdfFile Create(string title, IReadOnlyList<string> lines, byte[]? jpeg, int imagePixels, long minimumSize)
    {
        var natural = Build(title, lines, jpeg, imagePixels, fillerLength: null);
        if (minimumSize <= natural.Length)
        {
            return natural;
        }

        // The filler object's own header and the extra xref entry cost bytes, and their digits depend on the
        // filler's length: converge on the exact size in a few rounds.
        var filler = Math.Max(0, minimumSize - natural.Length - 64);
        for (var round = 0; round < 8; round++)
        {
            var candidate = Build(title, lines, jpeg, imagePixels, filler);
            var gap = minimumSize - candidate.Length;
            if (gap == 0 || (gap < 0 && filler == 0))
            {
                return candidate;
            }

            filler = Math.Max(0, filler + gap);
        }

        return Build(title, lines, jpeg, imagePixels, filler);
    }

    private static PdfFile Build(string title, IReadOnlyList<string> lines, byte[]? jpeg, int imagePixels, long? fillerLength)
    {
        var pdf = new PdfFileBuilder();
        var catalog = pdf.Reserve();
        var pages = pdf.Reserve();
        var page = pdf.Reserve();
        var font = pdf.Reserve();
        var contents = pdf.Reserve();
        var image = jpeg is null ? 0 : pdf.Reserve();
        var info = pdf.Reserve();
        var filler = fillerLength is null ? 0 : pdf.Reserve();

        pdf.SetObject(catalog, $"<< /Type /Catalog /Pages {pages} 0 R >>");
        pdf.SetObject(pages, $"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>");
        var xObjects = image == 0 ? string.Empty : $" /XObject << /Im1 {image} 0 R >>";
        pdf.SetObject(
            page,
            $"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >>{xObjects} >> /Contents {contents} 0 R >>");
        pdf.SetObject(font, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        pdf.SetStream(contents, string.Empty, Encoding.ASCII.GetBytes(PageContent(title, lines, image != 0)));
        if (jpeg is not null)
        {
            var size = imagePixels.ToString(CultureInfo.InvariantCulture);
            pdf.SetStream(image, $"/Type /XObject /Subtype /Image /Width {size} /Height {size} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", jpeg);
        }

        pdf.SetObject(info, $"<< /Title {PdfFileBuilder.Literal(title)} /Producer (Unico.IdCloud.Testing emulator) >>");
        if (fillerLength is { } length)
        {
            pdf.SetFillerStream(filler, length);
        }

        return pdf.Build(catalog, info);
    }

    private static string PageContent(string title, IReadOnlyList<string> lines, bool withImage)
    {
        var content = new StringBuilder();
        content.Append("BT\n/F1 16 Tf\n50 790 Td\n").Append(PdfFileBuilder.Literal(title)).Append(" Tj\n/F1 10 Tf\n0 -28 Td\n");
        foreach (var line in lines)
        {
            content.Append(PdfFileBuilder.Literal(line)).Append(" Tj\n0 -15 Td\n");
        }

        content.Append("ET\n");
        if (withImage)
        {
            // Draw the image 100 pt wide, top right, clear of the text lines: the unit square scaled and moved by the matrix.
            content.Append("q\n100 0 0 100 445 690 cm\n/Im1 Do\nQ\n");
        }

        return content.ToString();
    }
}
