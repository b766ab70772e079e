using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>
/// Remembers, in a cookie, which verifications this browser started, so the home page can list them: whenever the
/// callback is <c>/</c> (no https address for it, see <see cref="Hosting.CallbackAddress"/>) the journey does not bring
/// the person back by itself. A real application ties verifications to its signed-in user instead.
/// </summary>
internal static class BrowserVerifications
{
    private const string CookieName = "idcloud-sample-verifications";
    private const int MaxRemembered = 10;

    /// <summary>The references in the cookie (only well-formed ones).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The references, newest first.</returns>
    public static IReadOnlyList<string> Read(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) && value is not null
            ? [.. value.Split('.', StringSplitOptions.RemoveEmptyEntries).Where(IsReference).Take(MaxRemembered)]
            : [];

    /// <summary>Adds a reference to the cookie.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="reference">The new verification's reference.</param>
    public static void Remember(HttpContext context, string reference)
    {
        var references = Read(context.Request).Prepend(reference).Distinct(StringComparer.Ordinal).Take(MaxRemembered);
        context.Response.Cookies.Append(CookieName, string.Join('.', references), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = TimeSpan.FromDays(7),
        });
    }

    /// <summary>Whether the text has the shape of a reference (32 lower-case hex characters).</summary>
    /// <param name="value">The text.</param>
    /// <returns>True when it could be a reference.</returns>
    public static bool IsReference(string? value) =>
        value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);
}
