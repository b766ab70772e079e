using System.Text;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The client of Unico's OAuth2 webhook scheme: the customer's token endpoint and the client id and secret registered
/// there. Only the ready-made <c>client_secret_basic</c> header value is kept, so the secret exists in one opaque string;
/// <see cref="ToString"/> shows neither.
/// </summary>
internal sealed class OAuth2ClientCredentials
{
    public OAuth2ClientCredentials(Uri tokenEndpoint, string clientId, string clientSecret)
    {
        TokenEndpoint = tokenEndpoint;
        ClientId = clientId;

        // RFC 6749 §2.3.1: the id and the secret are each form-urlencoded BEFORE they are joined by ':' and base64'd,
        // so an id with ':' or a secret with '+' or non-ASCII reaches a compliant server intact (plain RFC 7617 Basic
        // would split "a:b" wrongly and read '+' as itself where the server form-decodes it as a space).
        var pair = FormUrlEncode(clientId) + ":" + FormUrlEncode(clientSecret);
        BasicParameter = Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));

        // Scheme, host, port and path only: a query string could carry anything the customer put there.
        DisplayEndpoint = tokenEndpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }

    public Uri TokenEndpoint { get; }

    public string ClientId { get; }

    /// <summary>The token endpoint as it may appear in messages and logs.</summary>
    public string DisplayEndpoint { get; }

    /// <summary>The parameter of <c>Authorization: Basic ...</c> for the token request. Secret.</summary>
    public string BasicParameter { get; }

    public override string ToString() => $"OAuth2 client '{ClientId}' at {DisplayEndpoint} (secret redacted)";

    /// <summary>application/x-www-form-urlencoded (WHATWG URL §5.2): RFC 3986 percent-encoding, with space as '+'.</summary>
    private static string FormUrlEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
