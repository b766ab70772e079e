namespace Unico.IdCloud.Client;

/// <summary>
/// Checks a caller-supplied id before it becomes a URL path segment. Ids are UUIDs in practice, but the API does not
/// promise a format, so only what could change the request's meaning is rejected: path separators and dot segments
/// (another resource: <c>.</c> alone is removed from the path, <c>process/./document</c> becomes <c>process/document</c>),
/// <c>?</c> and <c>#</c> (query/fragment), <c>%</c> (already-escaped input such as <c>a%2Fb</c>),
/// white space and control characters. Refit escapes what remains.
/// </summary>
internal static class IdCloudResourceId
{
    /// <summary>Returns <paramref name="id"/> when it can be an id.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/> (a programming error).</exception>
    /// <exception cref="IdCloudValidationException">
    /// <paramref name="id"/> can never be a valid id; nothing was sent. The error's field is <paramref name="parameterName"/>.
    /// </exception>
    public static string Validate(string id, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(id, parameterName);
        var problem = ProblemOf(id);
        if (problem is not null)
        {
            // The value is not echoed: a wrong argument may be personal data (a CPF passed by mistake).
            throw new IdCloudValidationException([new IdCloudValidationError(parameterName, problem)]);
        }

        return id;
    }

    private static string? ProblemOf(string id)
    {
        if (id.Length == 0)
        {
            return "The id is empty.";
        }

        foreach (var c in id)
        {
            if (c is '/' or '\\' or '?' or '#' or '%' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "The id contains a character ids never have ('/', '\\', '?', '#', '%', white space or a control character).";
            }
        }

        // "." is a whole dot segment: the URI drops it, so the request would address the parent resource.
        if (id == ".")
        {
            return "The id is '.'.";
        }

        return id.Contains("..", StringComparison.Ordinal) ? "The id contains '..'." : null;
    }
}
