using System.Net;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// Unico's per-tenant rate limit ("10 requests per second per tenant", 429 above it), enforced when
/// <see cref="IdCloudEmulatorOptions.EnforceRateLimit"/> is on, in fixed one-second windows of the emulator's clock
/// (here a manual clock, so a "second" lasts as long as the test wants).
/// </summary>
public sealed class RateLimitTests(RateLimitTests.LimitedFixture fixture) : EmulatorTest<RateLimitTests.LimitedFixture>(fixture)
{
    [Fact]
    public async Task The_eleventh_request_in_a_second_is_a_429_with_retry_after()
    {
        var token = await TokenAsync();
        for (var i = 0; i < 10; i++)
        {
            using var admitted = await GetUnknownProcessAsync(token);
            Assert.Equal(HttpStatusCode.NotFound, admitted.StatusCode);
        }

        using var refused = await GetUnknownProcessAsync(token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("8", (await EmulatorHttp.ReadApiErrorAsync(refused)).Code);
        Assert.Equal(new EmulatorTenantTraffic(Emulator.TenantId, 11, 11, WholeSecond(), 1), Emulator.GetTenantTraffic());

        Clock.Advance(TimeSpan.FromSeconds(1)); // the next window
        using var again = await GetUnknownProcessAsync(token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(12, Emulator.GetTenantTraffic().Requests);
    }

    [Fact]
    public async Task Retry_after_rounds_the_rest_of_the_window_up()
    {
        var token = await TokenAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(300));
        for (var i = 0; i < 10; i++)
        {
            using var admitted = await GetUnknownProcessAsync(token);
        }

        using var refused = await GetUnknownProcessAsync(token);

        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta); // 0.7 s left → 1
        Clock.Advance(TimeSpan.FromMilliseconds(700));
        using var admittedAgain = await GetUnknownProcessAsync(token);
        Assert.Equal(HttpStatusCode.NotFound, admittedAgain.StatusCode);
    }

    [Fact]
    public async Task Token_requests_do_not_count_and_are_never_limited()
    {
        var token = await TokenAsync();
        for (var i = 0; i < 10; i++)
        {
            using var admitted = await GetUnknownProcessAsync(token);
        }

        // Fifteen more token requests in the same second (distinct assertions: each asks for another lifetime).
        for (var i = 0; i < 15; i++)
        {
            var assertion = Assertion.For(Account, Emulator.Audience, Clock.GetUtcNow(), TimeSpan.FromSeconds(60 + i)).Sign(Account.PrivateKeyPem);
            using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, assertion);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(10, Emulator.GetTenantTraffic().Requests);
        Assert.Equal(0, Emulator.GetTenantTraffic().RateLimitedResponses);
    }

    [Fact]
    public async Task Each_tenant_has_its_own_budget()
    {
        var token = await TokenAsync();
        var other = Emulator.CreateServiceAccount(tenantId: "tenant-b-" + Guid.NewGuid().ToString("N")[..8]);
        var otherToken = await EmulatorHttp.GetAccessTokenAsync(Http, Emulator, other, Clock.GetUtcNow());
        for (var i = 0; i < 10; i++)
        {
            using var admitted = await GetUnknownProcessAsync(token);
        }

        using var otherTenants = await GetUnknownProcessAsync(otherToken);

        Assert.Equal(HttpStatusCode.NotFound, otherTenants.StatusCode);
        Assert.Equal(1, Emulator.GetTenantTraffic(other.TenantId).Requests);
        Assert.Equal(10, Emulator.GetTenantTraffic().Requests);
    }

    [Fact]
    public async Task Unauthenticated_requests_belong_to_no_tenant()
    {
        for (var i = 0; i < 12; i++)
        {
            using var response = await GetUnknownProcessAsync("not-a-token");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(0, Emulator.GetTenantTraffic().Requests);
    }

    [Fact]
    public async Task A_refused_request_reaches_neither_a_fault_nor_the_endpoint()
    {
        var token = await TokenAsync();
        for (var i = 0; i < 10; i++)
        {
            using var admitted = await GetUnknownProcessAsync(token);
        }

        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.Status(500));
        using var refused = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, EmulatorHttp.CreateBody("idlive")));
        Clock.Advance(TimeSpan.FromSeconds(1));
        using var faulted = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, EmulatorHttp.CreateBody("idlive")));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode); // the fault waited for an admitted request
        Assert.Equal(0, Emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task Reset_forgets_the_traffic()
    {
        var token = await TokenAsync();
        using (await GetUnknownProcessAsync(token))
        {
        }

        Emulator.ResetRequestLog();

        Assert.Equal(new EmulatorTenantTraffic(Emulator.TenantId, 0, 0, null, 0), Emulator.GetTenantTraffic());
    }

    [Fact]
    public async Task The_budget_must_allow_a_request()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions { EnforceRateLimit = true, RateLimitPerSecond = 0 }));
    }

    private DateTimeOffset WholeSecond() => DateTimeOffset.FromUnixTimeSeconds(Clock.GetUtcNow().ToUnixTimeSeconds());

    private Task<HttpResponseMessage> GetUnknownProcessAsync(string token) =>
        Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token));

    public sealed class LimitedFixture : EmulatorFixture
    {
        protected override void Configure(IdCloudEmulatorOptions options) => options.EnforceRateLimit = true;
    }
}

/// <summary>Without enforcement (the default) the traffic is still measured, so a test can check a client's pace.</summary>
public sealed class TenantTrafficTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Fact]
    public async Task A_burst_is_served_and_measured()
    {
        var token = await TokenAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 25).Select(async _ =>
        {
            using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token));
            return response.StatusCode;
        }));
        Clock.Advance(TimeSpan.FromSeconds(1));
        using (await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token)))
        {
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        var traffic = Emulator.GetTenantTraffic();
        Assert.Equal(26, traffic.Requests);
        Assert.Equal(25, traffic.BusiestSecondRequests);
        Assert.Equal(0, traffic.RateLimitedResponses);
    }

    [Fact]
    public async Task An_injected_429_is_counted()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.RateLimited(3));

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, Emulator.GetTenantTraffic().RateLimitedResponses);
    }
}
