namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Validates the bearer token IDCloud presents when the webhook uses <see cref="IdCloudWebhookAuthentication.Bearer"/>
/// (OAuth2 client credentials against your own authorization server). Register it as a service, or set
/// <see cref="IdCloudWebhookOptions.BearerTokenValidator"/>; the option wins when both exist.
/// </summary>
public interface IIdCloudWebhookBearerTokenValidator
{
    /// <summary>Checks a token (signature, issuer, audience, lifetime — whatever your server requires).</summary>
    /// <param name="token">The token after <c>Bearer </c>; never logged by the SDK.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns><see langword="true"/> to accept the call; <see langword="false"/> answers 401.</returns>
    ValueTask<bool> ValidateAsync(string token, CancellationToken cancellationToken = default);
}
