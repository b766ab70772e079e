namespace Unico.IdCloud.Client;

/// <summary>
/// Keeps the application's calls within the tenant's request budget (Unico: 10 requests per second per tenant by
/// default, HTTP 429 above it). Every request the SDK puts on the wire, retries and 401 resends included, first takes
/// a permit; callers wait briefly for one instead of earning 429s. Enable it with
/// <c>AddIdCloud(...).AddRateLimiter()</c> (in-process) or the <c>Unico.IdCloud.Redis</c> package (one budget shared
/// by every instance).
/// </summary>
/// <remarks>Implementations are singletons, thread-safe, and should never fail a call because their store is down.</remarks>
internal interface IIdCloudRateLimiter
{
    /// <summary>Waits until a request of <paramref name="priority"/> may be sent, then counts it against the budget.</summary>
    /// <param name="priority">What the request is for: creations may use a share that polls and downloads may not.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the request may be sent.</returns>
    ValueTask AcquireAsync(IdCloudRequestPriority priority, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the limiter that the API answered 429: nobody sends until <paramref name="retryAfter"/> has passed.
    /// </summary>
    /// <param name="retryAfter">The server's <c>Retry-After</c> (or a default when it sent none).</param>
    /// <param name="cancellationToken">Cancels recording it.</param>
    /// <returns>A task that completes when recorded.</returns>
    ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken);
}
