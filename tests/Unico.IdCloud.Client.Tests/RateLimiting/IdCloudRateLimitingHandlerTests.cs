using System.Net;
using Unico.IdCloud.Client.RateLimiting;

namespace Unico.IdCloud.Client.Tests.RateLimiting;

/// <summary>The handler holds a permit exactly while its request is on the wire: released on the answer and on failure.</summary>
public sealed class IdCloudRateLimitingHandlerTests
{
    [Fact]
    public async Task ThePermitIsReleasedOnlyOnceTheAnswerHasArrived()
    {
        var limiter = new RecordingLimiter();
        var inner = new Inner(_ =>
        {
            Assert.Empty(limiter.Released); // still on the wire: the server has not necessarily counted it yet
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var invoker = new HttpMessageInvoker(new IdCloudRateLimitingHandler(limiter, TimeProvider.System) { InnerHandler = inner });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://api.example/client/v1/process"), CancellationToken.None);

        Assert.Equal([IdCloudRequestPriority.High], limiter.Acquired);
        Assert.Equal([42L], limiter.Released);
    }

    [Fact]
    public async Task ThePermitIsReleasedWhenTheSendFailsAndA429IsReported()
    {
        var limiter = new RecordingLimiter();
        using var failing = new HttpMessageInvoker(new IdCloudRateLimitingHandler(limiter, TimeProvider.System) { InnerHandler = new Inner(_ => throw new HttpRequestException("connection reset")) });
        await Assert.ThrowsAsync<HttpRequestException>(() => failing.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.example/x"), CancellationToken.None));
        Assert.Equal([IdCloudRequestPriority.Normal], limiter.Acquired);
        Assert.Equal([42L], limiter.Released);

        using var throttled = new HttpMessageInvoker(new IdCloudRateLimitingHandler(limiter, TimeProvider.System)
        {
            InnerHandler = new Inner(_ => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(12)) } }),
        });
        using var response = await throttled.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.example/x"), CancellationToken.None);
        Assert.Equal([42L, 42L], limiter.Released);
        Assert.Equal([TimeSpan.FromSeconds(12)], limiter.Throttled);
    }

    private sealed class RecordingLimiter : IIdCloudRateLimiter
    {
        public List<IdCloudRequestPriority> Acquired { get; } = [];

        public List<long> Released { get; } = [];

        public List<TimeSpan> Throttled { get; } = [];

        public ValueTask<long> AcquireAsync(IdCloudRequestPriority priority, CancellationToken cancellationToken)
        {
            Acquired.Add(priority);
            return ValueTask.FromResult(42L);
        }

        public void Release(long ticket) => Released.Add(ticket);

        public ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
        {
            Throttled.Add(retryAfter);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Inner(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
