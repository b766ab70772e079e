using System.Net;

namespace Unico.IdCloud.Client.RateLimiting;

/// <summary>
/// Takes a permit from the <see cref="IIdCloudRateLimiter"/> before each request goes on the wire and reports a 429's
/// <c>Retry-After</c> to it. It is the innermost handler, so retries and 401 resends each take their own permit: the
/// budget counts what the server counts. The permit is released when the answer's headers arrive (or the send fails):
/// the server counted the request before that, so the budget holds however long the request took to get there.
/// <c>POST</c> requests (creations) get
/// <see cref="IdCloudRequestPriority.High"/>; reads and downloads <see cref="IdCloudRequestPriority.Normal"/>.
/// </summary>
internal sealed class IdCloudRateLimitingHandler : DelegatingHandler
{
    private readonly IIdCloudRateLimiter _limiter;
    private readonly TimeProvider _time;

    public IdCloudRateLimitingHandler(IIdCloudRateLimiter limiter, TimeProvider timeProvider)
    {
        _limiter = limiter;
        _time = timeProvider;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var priority = request.Method == HttpMethod.Post ? IdCloudRequestPriority.High : IdCloudRequestPriority.Normal;
        var ticket = await _limiter.AcquireAsync(priority, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _limiter.Release(ticket);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            await _limiter.ReportThrottledAsync(RetryAfterOf(response), cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>The server's Retry-After as a duration; zero when absent or in the past (the limiter applies its default).</summary>
    private TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - _time.GetUtcNow() : TimeSpan.Zero;
    }
}
