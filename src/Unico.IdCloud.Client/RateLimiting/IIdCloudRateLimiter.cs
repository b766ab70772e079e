namespace Unico.IdCloud.Client;

/// <summary>
/// Keeps the application's calls within the tenant's request budget (Unico: 10 requests per second per tenant by
/// default, HTTP 429 above it). Every request the SDK puts on the wire, retries and 401 resends included, first takes
/// a permit; callers wait briefly for one instead of earning 429s. Enable it with
/// <c>AddIdCloud(...).AddRateLimiter()</c> (in-process) or the <c>Unico.IdCloud.Redis</c> package (one budget shared
/// by every instance).
/// </summary>
/// <remarks>
/// <para>
/// A permit occupies the budget from the moment it is taken until one window after the request's answer arrived
/// (<see cref="Release"/>), not until one window after it was taken. The server counts a request at some instant
/// between those two, however long the request waited on a busy machine or a slow network, so no second of the
/// server's count can hold more requests than the budget. Counting from the admission alone cannot promise that: a
/// request delayed on its way lands in the same second as the next ones (it did, on a loaded two-core machine).
/// </para>
/// <para>Implementations are singletons, thread-safe, and should never fail a call because their store is down.</para>
/// </remarks>
internal interface IIdCloudRateLimiter
{
    /// <summary>Waits until a request of <paramref name="priority"/> may be sent, then counts it against the budget.</summary>
    /// <param name="priority">What the request is for: creations may use a share that polls and downloads may not.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The permit's ticket, to hand to <see cref="Release"/> once the request's answer (or failure) arrived.</returns>
    ValueTask<long> AcquireAsync(IdCloudRequestPriority priority, CancellationToken cancellationToken);

    /// <summary>
    /// The request of <paramref name="ticket"/> is over (its answer arrived, or it failed): its permit stays counted
    /// for one more window from now, then frees. Never throws and never waits; a ticket released twice or unknown is
    /// ignored.
    /// </summary>
    /// <param name="ticket">What <see cref="AcquireAsync"/> returned.</param>
    void Release(long ticket);

    /// <summary>
    /// Tells the limiter that the API answered 429: nobody sends until <paramref name="retryAfter"/> has passed.
    /// </summary>
    /// <param name="retryAfter">The server's <c>Retry-After</c> (or a default when it sent none).</param>
    /// <param name="cancellationToken">Cancels recording it.</param>
    /// <returns>A task that completes when recorded.</returns>
    ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken);
}
