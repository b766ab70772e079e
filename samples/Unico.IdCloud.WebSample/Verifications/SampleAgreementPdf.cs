using System.Globalization;
using System.Text;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>
/// A one-page PDF for the signing journey: e-signature flows need a real PDF, and the SDK refuses to send anything
/// that is not one. Built by hand (objects, content stream, cross-reference table) to keep the sample dependency-free;
/// it holds no personal data.
/// </summary>
public static class SampleAgreementPdf
{
    /// <summary>Creates the agreement.</summary>
    /// <param name="createdAt">The date printed on it.</param>
    /// <returns>The PDF bytes.</returns>
    public static byte[] Create(DateTimeOffset createdAt)
    {
        string[] lines =
        [
            "Sample agreement",
            "This document was created by the Unico IDCloud web sample to be signed",
            "in the idunicosign journey. It has no legal value.",
            "Created " + createdAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        ];

        var content = new StringBuilder("BT /F1 12 Tf 72 760 Td 16 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(EscapeText(line)).Append(") Tj T*\n");
        }

        content.Append("ET\n");
        var stream = content.ToString();

        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            $"<< /Length {stream.Length.ToString(CultureInfo.InvariantCulture)} >>\nstream\n{stream}endstream",
        ];

        // ASCII only, so character offsets are byte offsets.
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string EscapeText(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '(' or ')')
            {
                escaped.Append('\\');
            }

            escaped.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return escaped.ToString();
    }
}
