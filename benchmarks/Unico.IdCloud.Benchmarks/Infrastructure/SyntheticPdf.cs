using System.Text;

namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>PDF-shaped byte arrays of an exact size, and the GetEvidenceSet body that carries one.</summary>
internal static class SyntheticPdf
{
    public const int OneMegabyte = 1 << 20;

    public static byte[] Create(int length)
    {
        var bytes = new byte[length];
        using var stream = new GeneratedPdfStream(length);
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary><c>{"fileContents":"&lt;base64&gt;","contentType":"x-pdf"}</c>, as UTF-8, the vendor's GetEvidenceSet shape.</summary>
    public static byte[] EvidenceSetBody(byte[] pdf) =>
        Encoding.UTF8.GetBytes("{\"fileContents\":\"" + Convert.ToBase64String(pdf) + "\",\"contentType\":\"x-pdf\"}");
}
