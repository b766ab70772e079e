using System.Net.Http.Headers;
using System.Text;

namespace Unico.IdCloud.Testing;

/// <summary>
/// How the emulator authenticates its webhook calls, mirroring the schemes Unico offers at webhook registration.
/// <see cref="ToString"/> never shows the credential.
/// </summary>
public sealed class EmulatedWebhookAuthentication
{
    private readonly string? _headerValue;

    private EmulatedWebhookAuthentication(string description, string? headerName, string? headerValue)
    {
        Description = description;
        HeaderName = headerName;
        _headerValue = headerValue;
    }

    /// <summary>No credential (Unico offers this for development only).</summary>
    public static EmulatedWebhookAuthentication None { get; } = new("None", null, null);

    /// <summary>The header that carries the credential (<c>Authorization</c>, or the API key's own header), if any.</summary>
    public string? HeaderName { get; }

    private string Description { get; }

    /// <summary><c>Authorization: Basic base64(user:password)</c> on every call.</summary>
    /// <param name="user">The user name; it may not contain ':'.</param>
    /// <param name="password">The password.</param>
    public static EmulatedWebhookAuthentication Basic(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A Basic user name cannot contain ':' (RFC 7617).", nameof(user));
        }

        var credential = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        return new("Basic", "Authorization", "Basic " + credential);
    }

    /// <summary>
    /// Unico's "API Key" scheme. The string is split on its FIRST colon: <c>X-API-Key:abc123</c> sends
    /// <c>X-API-Key: abc123</c>, <c>Authorization:Bearer abc</c> sends <c>Authorization: Bearer abc</c>. A string
    /// without a colon is sent raw as <c>Authorization: &lt;value&gt;</c>, with no scheme.
    /// </summary>
    /// <param name="value">The configured key string.</param>
    public static EmulatedWebhookAuthentication ApiKey(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new("ApiKey", "Authorization", value);
        }

        var name = value[..colon].Trim();
        var headerValue = value[(colon + 1)..].Trim();
        if (name.Length == 0 || !name.All(IsTokenChar))
        {
            throw new ArgumentException("The part before the first ':' must be a valid HTTP header name.", nameof(value));
        }

        return new("ApiKey", name, headerValue);
    }

    /// <inheritdoc />
    public override string ToString() =>
        HeaderName is null ? Description : $"{Description} (header {HeaderName}, value redacted)";

    internal void Apply(HttpRequestMessage request)
    {
        if (HeaderName is not null)
        {
            // Sent without validation: a raw API key is not a valid "scheme credentials" Authorization value.
            request.Headers.TryAddWithoutValidation(HeaderName, _headerValue);
        }
    }

    // RFC 9110 §5.6.2 tchar.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
