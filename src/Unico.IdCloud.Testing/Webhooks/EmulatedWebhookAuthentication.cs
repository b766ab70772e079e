using System.Net.Http.Headers;
using System.Text;

namespace Unico.IdCloud.Testing;

/// <summary>
/// How the emulator authenticates its webhook calls, mirroring the schemes Unico offers at webhook registration:
/// <see cref="None"/>, <see cref="Basic"/>, <see cref="ApiKey"/> and <see cref="OAuth2"/>.
/// <see cref="ToString"/> never shows the credential.
/// </summary>
public sealed class EmulatedWebhookAuthentication
{
    private readonly string? _headerValue;

    private EmulatedWebhookAuthentication(string description, string? headerName, string? headerValue, OAuth2ClientCredentials? oauth2 = null)
    {
        Description = description;
        HeaderName = headerName;
        _headerValue = headerValue;
        OAuth2Client = oauth2;
    }

    /// <summary>No credential (Unico offers this for development only).</summary>
    public static EmulatedWebhookAuthentication None { get; } = new("None", null, null);

    /// <summary>The header that carries the credential (<c>Authorization</c>, or the API key's own header), if any.</summary>
    public string? HeaderName { get; }

    private string Description { get; }

    /// <summary>The client credentials of the <see cref="OAuth2"/> scheme; null for the others.</summary>
    internal OAuth2ClientCredentials? OAuth2Client { get; }

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

    /// <summary>
    /// Unico's "OAuth2" scheme (client credentials against the customer's own provider): before delivering, the emulator
    /// obtains an access token from <paramref name="tokenEndpoint"/> with the client credentials grant (RFC 6749 §4.4:
    /// <c>grant_type=client_credentials</c>, the client authenticated with HTTP Basic as RFC 6749 §2.3.1 describes) and
    /// sends every webhook with <c>Authorization: Bearer &lt;token&gt;</c>. The token is reused until shortly before
    /// its <c>expires_in</c> runs out (by the emulator's <see cref="IdCloudEmulatorOptions.TimeProvider"/>), fetched by
    /// one request however many deliveries need it, and fetched again once when the receiver answers 401. A token that
    /// cannot be obtained fails the delivery attempt, which is retried like any other (docs/emulator.md).
    /// </summary>
    /// <param name="tokenEndpoint">The customer's authorization server token URL: absolute http(s), without user info or fragment.</param>
    /// <param name="clientId">The client id registered with that provider.</param>
    /// <param name="clientSecret">The client's secret. Never logged, recorded or shown.</param>
    /// <returns>The scheme, to pass to <see cref="IdCloudEmulator.ConfigureWebhook"/>.</returns>
    public static EmulatedWebhookAuthentication OAuth2(Uri tokenEndpoint, string clientId, string clientSecret)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        if (!tokenEndpoint.IsAbsoluteUri || (tokenEndpoint.Scheme != Uri.UriSchemeHttp && tokenEndpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The token endpoint must be an absolute http(s) URL.", nameof(tokenEndpoint));
        }

        // RFC 6749 §3.2: the endpoint has no fragment. User info would be a second, unredacted place for a credential.
        if (tokenEndpoint.UserInfo.Length > 0 || tokenEndpoint.Fragment.Length > 0)
        {
            throw new ArgumentException("The token endpoint cannot carry user info or a fragment; pass the client credentials as clientId and clientSecret.", nameof(tokenEndpoint));
        }

        var client = new OAuth2ClientCredentials(tokenEndpoint, clientId, clientSecret);
        return new($"OAuth2 (client '{clientId}' at {client.DisplayEndpoint}, secret and token redacted)", "Authorization", null, client);
    }

    /// <inheritdoc />
    public override string ToString() =>
        OAuth2Client is not null || HeaderName is null ? Description : $"{Description} (header {HeaderName}, value redacted)";

    internal void Apply(HttpRequestMessage request)
    {
        // OAuth2's header carries a token only the sender's cache knows; it is set there.
        if (HeaderName is not null && OAuth2Client is null)
        {
            // Sent without validation: a raw API key is not a valid "scheme credentials" Authorization value.
            request.Headers.TryAddWithoutValidation(HeaderName, _headerValue);
        }
    }

    // RFC 9110 §5.6.2 tchar.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
