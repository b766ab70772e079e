namespace Unico.IdCloud.Client;

/// <summary>
/// Turns a caller-supplied id into one URL path segment. Ids are UUIDs in practice, but the API does not promise a
/// format, so only what could change the request's meaning is rejected: path separators and dot segments (another
/// resource), <c>?</c> and <c>#</c> (query/fragment), <c>%</c> (already-escaped input such as <c>a%2Fb</c>), white
/// space and control characters. What remains is escaped anyway.
/// </summary>
internal static class IdCloudResourceId
{
    /// <summary>Validates <paramref name="id"/> and returns it escaped for use as a path segment.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or has a forbidden character.</exception>
    public static string ToPathSegment(string id, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(id, parameterName);
        if (id.Length == 0)
        {
            throw new ArgumentException("The id is empty.", parameterName);
        }

        // The value is not echoed: a wrong argument may be personal data (a CPF passed by mistake).
        foreach (var c in id)
        {
            if (c is '/' or '\\' or '?' or '#' or '%' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException(
                    "The id contains a character ids never have ('/', '\\', '?', '#', '%', white space or a control character).",
                    parameterName);
            }
        }

        if (id.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException("The id contains '..'.", parameterName);
        }

        return Uri.EscapeDataString(id);
    }
}
