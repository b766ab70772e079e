using System.Net.Http.Headers;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// What a body's <c>Content-Encoding</c> still says once the socket handler has decoded what it asked for. Read as sent
/// (<c>NonValidated</c>): no allocation on the hot path, and the typed <c>ContentEncoding</c> collection leaves out the
/// values it cannot parse (<c>gzip;q=1</c>, <c>"gzip"</c>), whose bodies are encoded all the same.
/// </summary>
internal static class IdCloudContentEncoding
{
    /// <summary>
    /// Whether the body is still exactly gzip: what the SDK decodes itself when the client asked for <c>identity</c>
    /// (the signature API), with the gzip trailer verified for files (<see cref="IdCloudGzipVerifyingStream"/>).
    /// </summary>
    public static bool IsOnlyGzip(HttpContentHeaders headers) =>
        headers.NonValidated.TryGetValues("Content-Encoding", out var encodings)
        && encodings.Count == 1
        && encodings.ToString().Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The encodings left on the content (all of them, as sent, made safe to show), or <see langword="null"/> when none
    /// but <c>identity</c> is left.
    /// </summary>
    public static string? Undecoded(HttpContentHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("Content-Encoding", out var values))
        {
            return null;
        }

        var undecoded = values.Any(value => value.Split(',').Any(e => e.Trim() is { Length: > 0 } name && !name.Equals("identity", StringComparison.OrdinalIgnoreCase)));
        return undecoded ? Diagnostics.IdCloudRedaction.SanitizeFreeText(string.Join(", ", values), 100) ?? "unreadable" : null;
    }
}
