namespace Unico.IdCloud.Testing;

/// <summary>
/// Where the journey sends the person when it ends: the process's <c>callbackUri</c>, as Unico's hosted journey does.
/// <c>/</c> means "no redirect" (Unico's documented value); a relative path would only lead back into the journey's
/// own host, so it is not followed either. Script-bearing schemes are never followed, whatever CreateProcess accepted.
/// </summary>
internal static class JourneyCallback
{
    private static readonly HashSet<string> RefusedSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "javascript", "vbscript", "data", "blob", "file", "about", "filesystem",
    };

    /// <summary>The URL to redirect to, or null when the journey stays on its own page.</summary>
    public static Uri? RedirectTarget(string callbackUri) =>
        callbackUri != "/"
        && Uri.TryCreate(callbackUri, UriKind.Absolute, out var uri)
        && !RefusedSchemes.Contains(uri.Scheme)
            ? uri
            : null;
}
