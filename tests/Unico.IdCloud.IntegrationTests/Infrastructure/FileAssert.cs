using System.Text;

namespace Unico.IdCloud.IntegrationTests.Infrastructure;

/// <summary>What a user checks before storing a downloaded file: is it really a JPEG / a whole PDF?</summary>
internal static class FileAssert
{
    public static void IsJpeg(ReadOnlySpan<byte> content)
    {
        Assert.True(content.Length > 3, $"A JPEG needs more than {content.Length} bytes.");
        Assert.True(content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF, "The file does not start with the JPEG magic FF D8 FF.");
    }

    /// <summary>Starts with <c>%PDF-</c> and ends (trailing white space aside) with <c>%%EOF</c>.</summary>
    public static void IsCompletePdf(ReadOnlySpan<byte> content)
    {
        Assert.True(content.StartsWith("%PDF-"u8), "The file does not start with %PDF-.");
        Assert.True(EndsWithEof(content), "The file does not end with %%EOF: the PDF is truncated.");
    }

    public static bool EndsWithEof(ReadOnlySpan<byte> content) =>
        Encoding.ASCII.GetString(content[Math.Max(0, content.Length - 64)..]).TrimEnd().EndsWith("%%EOF", StringComparison.Ordinal);

    /// <summary>Reads a streamed download to the end, as a user saving it would.</summary>
    public static async Task<byte[]> ReadAllAsync(Client.IdCloudFileStream download)
    {
        using var buffer = new MemoryStream();
        await download.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
