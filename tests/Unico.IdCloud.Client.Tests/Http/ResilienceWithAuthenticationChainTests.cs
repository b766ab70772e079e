using System.Net;
using System.Text;
using Unico.IdCloud.Client.Authentication;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>The resilience pipeline with the authentication handler inside it, as AddIdCloud() wires them.</summary>
public sealed class ResilienceWithAuthenticationChainTests
{
    [Fact]
    public async Task Every_retried_attempt_carries_the_current_token_and_the_same_body()
    {
        var tokens = new CountingTokenProvider();
        var stub = StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var harness = PipelineHarness.Create(stub);
        var time = harness.Time;
        using var client = new HttpClient(harness.Chain("process", new IdCloudAuthenticationHandler(tokens) { InnerHandler = stub }))
        {
            BaseAddress = new Uri("https://api.cadastro.uat.unico.app"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var operation = new IdCloudOperation("SearchProcesses", IsIdempotent: true, IsDownload: false);
        var request = new HttpRequestMessage(HttpMethod.Get, "/client/v1/process/x") { Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json") };

        var call = IdCloudHttp.SendAsync(client, request, operation, IdCloudApi.Process, HttpCompletionOption.ResponseContentRead, default);
        var delay = await time.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(1));
        time.Advance(delay);
        using var response = await call.WaitAsync(PipelineHarness.HangGuard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls);
        Assert.All(stub.Requests, r => Assert.Equal("Bearer", r.Headers.Authorization?.Scheme));
        Assert.Equal(["{\"a\":1}", "{\"a\":1}"], stub.Bodies);
    }

    [Fact]
    public async Task A_401_refresh_happens_inside_one_attempt_and_a_second_401_is_not_retried_by_the_pipeline()
    {
        var tokens = new CountingTokenProvider();
        var stub = StubHttpHandler.Statuses(HttpStatusCode.Unauthorized);
        using var harness = PipelineHarness.Create(stub);
        using var client = new HttpClient(harness.Chain("process", new IdCloudAuthenticationHandler(tokens) { InnerHandler = stub }))
        {
            BaseAddress = new Uri("https://api.cadastro.uat.unico.app"),
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => IdCloudHttp.SendAsync(
            client, new HttpRequestMessage(HttpMethod.Get, "/client/v1/process/x"), IdCloudOperation.GetProcess, IdCloudApi.Process, HttpCompletionOption.ResponseContentRead, default)
            .WaitAsync(PipelineHarness.HangGuard));

        Assert.Equal(IdCloudErrorKind.Unauthenticated, error.Kind);
        Assert.Equal(2, stub.Calls);
        Assert.Equal(1, tokens.Invalidations);
    }

    private sealed class CountingTokenProvider : IIdCloudTokenProvider
    {
        private int _issued;

        public int Invalidations { get; private set; }

        public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new IdCloudAccessToken("token-" + Interlocked.Increment(ref _issued), "Bearer", DateTimeOffset.MaxValue));

        public void Invalidate(IdCloudAccessToken token) => Invalidations++;
    }
}
