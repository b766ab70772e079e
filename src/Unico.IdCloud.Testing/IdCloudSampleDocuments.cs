namespace Unico.IdCloud.Testing;

/// <summary>
/// Small, valid documents for tests and samples: e-signature flows need a real PDF to sign, and the SDK refuses to
/// send anything that is not one.
/// </summary>
public static class IdCloudSampleDocuments
{
    /// <summary>Creates a valid one-page PDF with a heading and some lines of text (ASCII; other characters print as '?').</summary>
    /// <param name="title">The heading.</param>
    /// <param name="lines">The body lines.</param>
    /// <returns>The PDF bytes.</returns>
    public static byte[] CreatePdf(string title, params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(lines);
        return OnePagePdf.Create(title, lines, jpeg: null, imagePixels: 0, minimumSize: 0).ToArray();
    }
}
