using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client.Tests.VendorDocs;

/// <summary>
/// Promises of docs/authentication.md and docs/errors.md that were only checked on isolated handlers (or with the
/// relevant option turned off), checked here as a user meets them: AddIdCloud() against <see cref="VendorServer"/>.
/// </summary>
public sealed class DocumentedBehaviourTests : IDisposable
{
    private readonly VendorServer _server = new();
    private readonly ServiceProvider _services;

    public DocumentedBehaviourTests()
    {
        _services = _server.Services();
    }

    private IIdCloudProcessClient Processes => _services.GetRequiredService<IIdCloudProcessClient>();

    public void Dispose()
    {
        _services.Dispose();
    }

    /// <summary>
    /// docs/authentication.md, "When the API answers 401": one fresh token, one resend, then an
    /// <see cref="IdCloudApiException"/> of kind Unauthenticated with <c>IsConfigurationError</c> and <c>Advice</c>
    /// (usually UAT credentials against production or the reverse). Vendor body: seed 1620-1629, "Jwt is expired".
    /// </summary>
    [Fact]
    public async Task ASecond401IsAConfigurationErrorWithAdvice()
    {
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.Unauthorized, """{"message":"Jwt is expired"}""");

        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => Processes.GetProcessAsync(VendorServer.ProcessId));

        Assert.Equal(IdCloudErrorKind.Unauthenticated, error.Kind);
        Assert.True(error.IsConfigurationError);
        Assert.Contains("UAT", error.Advice, StringComparison.Ordinal);
        Assert.Equal(2, _server.ApiRequests.Count);
        Assert.Equal(2, _server.TokenRequests.Count);
        Assert.Equal("Bearer vendor-token-2", _server.ApiRequests[1].Authorization);
    }

    /// <summary>
    /// docs/authentication.md, "Token failures": a 200 without a token is transient like a 5xx: retried (1 s later, with a
    /// fresh assertion) within <c>MaxTransientAttempts</c>, so the call that needed the token still succeeds.
    /// </summary>
    [Fact]
    public async Task ATokenAnswerWithoutATokenIsRetriedWithAFreshAssertion()
    {
        _server.Token = (_, n) => n == 1
            ? VendorServer.Json(HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3600}""")
            : VendorServer.Json(HttpStatusCode.OK, """{"access_token":"second","token_type":"Bearer","expires_in":3600}""");
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.OK, Contract.VendorFixtures.Read("get-process-response"));

        var process = await Processes.GetProcessAsync(VendorServer.ProcessId);

        Assert.Equal(VendorServer.ProcessId, process.Id);
        var assertions = _server.TokenRequests.Select(r => r.Form().Single(f => f.Key == "assertion").Value).ToArray();
        Assert.Equal(2, assertions.Length);
        Assert.NotEqual(assertions[0], assertions[1]);
        Assert.Equal("Bearer second", Assert.Single(_server.ApiRequests).Authorization);
    }

    /// <summary>
    /// docs/resilience.md: "<c>MaxDelay</c> does not cap <c>Retry-After</c>" (only <c>MaxRetryAfter</c> does, by not
    /// retrying). The server here has <c>MaxDelay</c> = 5 ms; its one-second <c>Retry-After</c> is still waited for in full.
    /// </summary>
    [Fact]
    public async Task ARetryAfterLongerThanMaxDelayIsWaitedForInFull()
    {
        _server.Api = (_, n) => n == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(1)) } }
            : VendorServer.Json(HttpStatusCode.OK, Contract.VendorFixtures.Read("get-process-response"));
        await _services.GetRequiredService<IIdCloudTokenProvider>().GetTokenAsync();   // the token exchange is not timed

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Processes.GetProcessAsync(VendorServer.ProcessId);
        clock.Stop();

        Assert.Equal(2, _server.ApiRequests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>
    /// docs/resilience.md ("the 429/503 is surfaced at once, <c>Kind = RateLimited</c> / <c>ServiceUnavailable</c>,
    /// <c>RetryAfter</c> set") and docs/errors.md (only a 429 is an <see cref="IdCloudRateLimitedException"/>).
    /// </summary>
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, IdCloudErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, IdCloudErrorKind.ServiceUnavailable)]
    public async Task ARetryAfterAboveMaxRetryAfterIsSurfacedAtOnceWithItsKind(HttpStatusCode status, IdCloudErrorKind kind)
    {
        _server.Api = (_, _) => new HttpResponseMessage(status) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(120)) } };

        var error = await Assert.ThrowsAnyAsync<IdCloudApiException>(() => Processes.GetProcessAsync(VendorServer.ProcessId));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status == HttpStatusCode.TooManyRequests, error is IdCloudRateLimitedException);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Single(_server.ApiRequests);
    }

    /// <summary>
    /// Vendor reference (seed 1766-1789, GetEvidenceSet): "not found" may come with no error code, only the HTTP status.
    /// docs/errors.md: that is <c>NotFound</c> (an answer from the service), not <c>InvalidResponse</c>.
    /// </summary>
    [Fact]
    public async Task AnEvidenceSet404WithNoBodyIsNotFound()
    {
        _server.Api = (_, _) => new HttpResponseMessage(HttpStatusCode.NotFound);

        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => Processes.GetEvidenceSetAsync(VendorServer.ProcessId));

        Assert.Equal(IdCloudErrorKind.NotFound, error.Kind);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Single(_server.ApiRequests);
    }
}
