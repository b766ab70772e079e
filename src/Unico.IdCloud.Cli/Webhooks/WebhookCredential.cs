using System.Net.Http.Headers;
using System.Text;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Cli.Webhooks;

/// <summary>
/// One of the ways Unico authenticates its webhook calls, applied to a request exactly as Unico does:
/// Basic (<c>user:password</c>), API key (<c>header:value</c> split on the first colon; no colon sends the value raw as
/// <c>Authorization</c>), a raw <c>Authorization</c> value, a Bearer token, or a token obtained by OAuth2 client
/// credentials (sent as Bearer). <see cref="Describe"/> never shows the secret.
/// </summary>
internal sealed class WebhookCredential
{
    private readonly Action<HttpRequestMessage> _apply;

    private WebhookCredential(string mode, string description, Action<HttpRequestMessage> apply)
    {
        Mode = mode;
        Describe = description;
        _apply = apply;
    }

    /// <summary><c>none</c>, <c>basic</c>, <c>api-key</c>, <c>authorization</c>, <c>bearer</c> or <c>oauth2</c>.</summary>
    public string Mode { get; }

    /// <summary>What is sent, without the secret part.</summary>
    public string Describe { get; }

    public static WebhookCredential None { get; } = new("none", "no credential", _ => { });

    public static WebhookCredential Basic(string userAndPassword)
    {
        var colon = userAndPassword.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new ArgumentException("--basic takes user:password (as registered with Unico).");
        }

        var user = userAndPassword[..colon];
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword));
        return new("basic", $"Authorization: Basic (user '{user}', password hidden)", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", encoded));
    }

    public static WebhookCredential ApiKey(string headerAndValue)
    {
        var colon = headerAndValue.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            // Unico sends a value without a colon as the whole Authorization header, with no scheme.
            return Raw(headerAndValue, "api-key");
        }

        var header = headerAndValue[..colon].Trim();
        var value = headerAndValue[(colon + 1)..].Trim();
        if (header.Length == 0)
        {
            throw new ArgumentException("--api-key takes header:value, e.g. X-API-Key:abc123.");
        }

        return new("api-key", $"{header}: (value hidden)", r => r.Headers.TryAddWithoutValidation(header, value));
    }

    public static WebhookCredential Raw(string authorization, string mode = "authorization") =>
        new(mode, "Authorization: (raw value hidden)", r => r.Headers.TryAddWithoutValidation("Authorization", authorization));

    public static WebhookCredential Bearer(string token) =>
        new("bearer", "Authorization: Bearer (token hidden)", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));

    /// <summary>
    /// Unico's OAuth2 scheme: a token from the customer's provider (client credentials, the same request the emulator
    /// makes), sent as <c>Authorization: Bearer</c>.
    /// </summary>
    /// <exception cref="OAuth2TokenException">No usable token; the message names the cause and holds no secret.</exception>
    public static async Task<WebhookCredential> OAuth2Async(OAuth2ClientCredentials client, HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        OAuth2AccessToken token;
        try
        {
            token = await OAuth2TokenRequest.SendAsync(http, client, TimeProvider.System, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OAuth2TokenException($"the OAuth2 token endpoint {client.DisplayEndpoint} did not answer within {timeout}", exception);
        }

        return new("oauth2", $"Authorization: Bearer (token from {client.DisplayEndpoint} for client '{client.ClientId}', hidden)", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value));
    }

    public void ApplyTo(HttpRequestMessage request) => _apply(request);
}
