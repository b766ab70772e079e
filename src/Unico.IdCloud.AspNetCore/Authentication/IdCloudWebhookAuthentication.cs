namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// How IDCloud authenticates when it calls your webhook. Pick the scheme you registered with Unico's onboarding
/// team; IDCloud publishes no body signature, so this credential is the only proof a call comes from IDCloud.
/// </summary>
public enum IdCloudWebhookAuthentication
{
    /// <summary>Not chosen. The endpoint refuses to start, so a forgotten setting cannot leave it open.</summary>
    Unspecified = 0,

    /// <summary>
    /// <c>Authorization: Basic base64(user:password)</c>, compared with <see cref="IdCloudWebhookOptions.BasicCredentials"/>.
    /// </summary>
    Basic,

    /// <summary>
    /// An API key split on its first <c>:</c> like Unico does: <c>X-API-Key:abc123</c> is expected as the header
    /// <c>X-API-Key: abc123</c>; a key without a colon is expected as the raw <c>Authorization</c> header value.
    /// See <see cref="IdCloudWebhookOptions.ApiKey"/>.
    /// </summary>
    ApiKey,

    /// <summary>
    /// OAuth2: IDCloud obtains a token from your authorization server and sends <c>Authorization: Bearer &lt;token&gt;</c>;
    /// your <see cref="IdCloudWebhookOptions.BearerTokenValidator"/> (or an <see cref="IIdCloudWebhookBearerTokenValidator"/>
    /// service) decides whether the token is valid.
    /// </summary>
    Bearer,

    /// <summary>
    /// No authentication — development only. A warning is logged at start-up, and the endpoint refuses to start in
    /// the Production environment.
    /// </summary>
    None,
}
