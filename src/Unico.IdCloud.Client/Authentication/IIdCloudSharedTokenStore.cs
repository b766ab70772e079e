namespace Unico.IdCloud.Client;

/// <summary>
/// Lets several instances of an application (pods behind a load balancer) share one access token per service
/// account, so the fleet makes one token request per token lifetime instead of one per instance. The SDK's token
/// provider uses it when one is registered (the <c>Unico.IdCloud.Redis</c> package registers one); without it each
/// instance keeps its own token.
/// </summary>
/// <remarks>
/// <para>How the provider uses it, whenever its in-process cache has no token or the token is due for renewal:
/// <see cref="GetAsync"/>; if no usable token is there, <see cref="TryAcquireLeaseAsync"/>; the one instance that
/// gets the lease reads again, requests a token from the identity service and publishes it with
/// <see cref="IIdCloudSharedTokenLease.PublishAsync"/>; the others poll <see cref="GetAsync"/> until it appears (or the
/// lease of a dead holder expires and one of them takes over).</para>
/// <para>Implementations must be thread-safe, must keep tokens protected at rest, must never log them, and should not
/// throw when their backing store is unreachable: answer "no token" and grant a local lease instead, so the
/// application degrades to per-instance tokens rather than failing.</para>
/// </remarks>
internal interface IIdCloudSharedTokenStore
{
    /// <summary>Reads the shared token of <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    /// <param name="key">The service account.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The token (possibly close to expiry: the caller checks), or <see langword="null"/>.</returns>
    ValueTask<IdCloudAccessToken?> GetAsync(IdCloudTokenCacheKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Tries once, without waiting, to become the one instance that requests the next token for
    /// <paramref name="key"/>. The lease is bounded: if its holder dies, it expires and another instance can take it.
    /// </summary>
    /// <param name="key">The service account.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The lease (dispose it to release), or <see langword="null"/> when another instance holds it.</returns>
    ValueTask<IIdCloudSharedTokenLease?> TryAcquireLeaseAsync(IdCloudTokenCacheKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Removes <paramref name="token"/> if it is still the shared token of <paramref name="key"/> (the API rejected it
    /// with 401); a newer token stored meanwhile is kept.
    /// </summary>
    /// <param name="key">The service account.</param>
    /// <param name="token">The rejected token.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask RemoveAsync(IdCloudTokenCacheKey key, IdCloudAccessToken token, CancellationToken cancellationToken);
}

/// <summary>
/// The right, held by one instance at a time, to request the next token of a service account. Disposing it releases
/// it (only if still held: a lease that expired and was taken by another instance is left alone).
/// </summary>
internal interface IIdCloudSharedTokenLease : IAsyncDisposable
{
    /// <summary>Stores <paramref name="token"/> for every instance until it expires, then releases the lease.</summary>
    /// <param name="token">The token just obtained.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask PublishAsync(IdCloudAccessToken token, CancellationToken cancellationToken);
}
