namespace Unico.IdCloud.Client;

/// <summary>
/// Supplies the access token sent as <c>Authorization: Bearer …</c> on every IDCloud call. The SDK's default
/// implementation signs a JWT assertion with the service account's RSA key and caches the token; register your own
/// implementation to take tokens from elsewhere (a vault, a token broker shared by several services).
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe and are used as singletons: every client in the process shares one
/// instance per service account, so that one token serves all calls (minting a token per request would spend the
/// tenant's request budget and can lock the account).</para>
/// <para>Never log or expose <see cref="IdCloudAccessToken.Value"/>.</para>
/// </remarks>
public interface IIdCloudTokenProvider
{
    /// <summary>
    /// Returns a token that is valid now. Cheap when a cached token is valid (no allocation, no wait); otherwise
    /// waits for the one token request in flight for this service account.
    /// </summary>
    /// <param name="cancellationToken">Cancels this caller's wait only; a token request shared with other callers goes on.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="IdCloudException">No token could be obtained (<see cref="IdCloudErrorKind.Authentication"/>; an <see cref="IdCloudApiException"/> when the identity service answered).</exception>
    ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the provider that the API rejected <paramref name="token"/> (HTTP 401). If it is still the cached token
    /// it is dropped so the next <see cref="GetTokenAsync"/> obtains a new one; otherwise (another caller already
    /// replaced it) nothing happens, so concurrent 401s cause one refresh, not a stampede.
    /// </summary>
    /// <param name="token">The token the rejected request carried.</param>
    void Invalidate(IdCloudAccessToken token);
}
