using System.Net;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>Caching, proactive renewal and expiry, driven by a manual clock.</summary>
public sealed class TokenProviderCacheTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_cached_token_is_returned_at_once_without_another_request()
    {
        using var harness = new TokenProviderHarness();
        var first = await harness.Provider.GetTokenAsync();

        for (var i = 0; i < 20; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(2)); // 40 minutes in all: still before the renewal window
            Assert.Same(first, ServedAtOnce(harness.Provider.GetTokenAsync()));
        }

        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task Inside_the_refresh_window_one_renewal_runs_while_callers_keep_the_valid_token_without_waiting()
    {
        // The renewal's answer is held while the clock moves minutes ahead: a long request timeout keeps it pending.
        using var harness = new TokenProviderHarness(o =>
        {
            o.RefreshBeforeExpiry = TimeSpan.FromMinutes(5);
            o.TokenRequestTimeout = TimeSpan.FromMinutes(10);
        });
        var first = await harness.Provider.GetTokenAsync();
        var gate = harness.GateResponses();

        harness.Time.Advance(Hour - TimeSpan.FromMinutes(5)); // exactly at the start of the window
        var served = Enumerable.Range(0, 50).Select(_ => ServedAtOnce(harness.Provider.GetTokenAsync())).ToList();

        Assert.All(served, t => Assert.Same(first, t));
        await harness.Endpoint.WaitForRequestsAsync(2);
        Assert.Equal(2, harness.Endpoint.RequestCount);

        harness.Time.Advance(TimeSpan.FromMinutes(4)); // renewal still pending, token still valid
        Assert.Same(first, ServedAtOnce(harness.Provider.GetTokenAsync()));

        gate.SetResult();
        await harness.WhenIdleAsync();
        var renewed = ServedAtOnce(harness.Provider.GetTokenAsync());
        Assert.NotEqual(first.Value, renewed.Value);
        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task After_expiry_callers_wait_for_the_renewal_and_never_get_the_stale_token()
    {
        using var harness = new TokenProviderHarness(o => o.TokenRequestTimeout = TimeSpan.FromMinutes(10));
        var first = await harness.Provider.GetTokenAsync();
        var gate = harness.GateResponses();
        harness.Time.Advance(Hour - TimeSpan.FromMinutes(1));
        Assert.Same(first, await harness.Provider.GetTokenAsync()); // starts the background renewal
        await harness.Endpoint.WaitForRequestsAsync(2);

        harness.Time.Advance(TimeSpan.FromMinutes(1)); // now exactly at expiry, renewal still pending
        var waiting = Enumerable.Range(0, 20).Select(_ => harness.Provider.GetTokenAsync().AsTask()).ToList();
        Assert.All(waiting, t => Assert.False(t.IsCompleted));

        gate.SetResult();
        var tokens = await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(tokens, t => Assert.NotEqual(first.Value, t.Value));
        Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task A_failed_background_renewal_keeps_the_valid_token_retries_later_and_never_serves_it_after_expiry()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 1);
        var first = await harness.Provider.GetTokenAsync();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        harness.Time.Advance(Hour - TimeSpan.FromMinutes(4));
        Assert.Same(first, await harness.Provider.GetTokenAsync());
        await harness.WhenIdleAsync();
        Assert.Equal(2, harness.Endpoint.RequestCount);

        // Within the back-off after the failure callers keep the token and nothing is sent.
        harness.Time.Advance(TimeSpan.FromSeconds(29));
        for (var i = 0; i < 10; i++)
        {
            Assert.Same(first, await harness.Provider.GetTokenAsync());
        }

        Assert.Equal(2, harness.Endpoint.RequestCount);

        // After it, the next caller starts one new renewal (and still gets the valid token at once).
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(first, ServedAtOnce(harness.Provider.GetTokenAsync()));
        await harness.WhenIdleAsync();
        Assert.Equal(3, harness.Endpoint.RequestCount);

        // Once expired, the stale token is never handed out: callers get the failure instead.
        harness.Time.Advance(TimeSpan.FromMinutes(4));
        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(4, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task A_short_lived_token_is_renewed_at_half_its_lifetime()
    {
        using var harness = new TokenProviderHarness(o => o.RefreshBeforeExpiry = TimeSpan.FromMinutes(5));
        harness.Endpoint.Responder = (_, n, _) => Task.FromResult(TokenEndpointStub.Ok(TokenEndpointStub.TokenValue(n), expiresIn: 120));
        await harness.Provider.GetTokenAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(59));
        await harness.Provider.GetTokenAsync();
        await harness.WhenIdleAsync();
        Assert.Equal(1, harness.Endpoint.RequestCount);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Provider.GetTokenAsync();
        await harness.WhenIdleAsync();
        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task With_no_refresh_window_the_token_is_renewed_only_at_expiry()
    {
        using var harness = new TokenProviderHarness(o => o.RefreshBeforeExpiry = TimeSpan.Zero);
        var first = await harness.Provider.GetTokenAsync();

        harness.Time.Advance(Hour - TimeSpan.FromSeconds(1));
        Assert.Same(first, await harness.Provider.GetTokenAsync());
        await harness.WhenIdleAsync();
        Assert.Equal(1, harness.Endpoint.RequestCount);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEqual(first.Value, (await harness.Provider.GetTokenAsync()).Value);
        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task Expiry_is_measured_from_when_the_request_was_sent()
    {
        using var harness = new TokenProviderHarness();
        var sentAt = harness.Time.GetUtcNow();
        harness.Endpoint.Responder = (_, n, _) =>
        {
            harness.Time.Advance(TimeSpan.FromSeconds(7)); // the answer takes 7 s to arrive
            return Task.FromResult(TokenEndpointStub.Ok(TokenEndpointStub.TokenValue(n), expiresIn: 3600));
        };

        var token = await harness.Provider.GetTokenAsync();

        Assert.Equal(sentAt.AddSeconds(3600), token.ExpiresOn);
    }

    [Fact]
    public async Task Invalidate_drops_only_the_cached_token()
    {
        using var harness = new TokenProviderHarness();
        var first = await harness.Provider.GetTokenAsync();
        harness.Provider.Invalidate(first);
        var second = await harness.Provider.GetTokenAsync();

        harness.Provider.Invalidate(first); // stale: another caller already replaced it
        var stillSecond = await harness.Provider.GetTokenAsync();

        Assert.Same(second, stillSecond);
        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task A_caller_cancelling_its_wait_does_not_cancel_the_shared_request()
    {
        using var harness = new TokenProviderHarness();
        var gate = harness.GateResponses();
        using var impatient = new CancellationTokenSource();

        var cancelled = harness.Provider.GetTokenAsync(impatient.Token).AsTask();
        var patient = harness.Provider.GetTokenAsync().AsTask();
        await harness.Endpoint.WaitForRequestsAsync(1);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(patient.IsCompleted);
        gate.SetResult();
        var token = await patient;

        Assert.StartsWith("access-token-1-", token.Value, StringComparison.Ordinal);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task A_token_endpoint_that_never_answers_releases_every_caller_after_the_request_timeout()
    {
        using var harness = new TokenProviderHarness(o =>
        {
            o.TokenRequestTimeout = TimeSpan.FromSeconds(30);
            o.MaxTransientAttempts = 1;
        });
        harness.Endpoint.Responder = async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };

        var callers = Enumerable.Range(0, 25).Select(_ => harness.Provider.GetTokenAsync().AsTask()).ToList();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        harness.Time.Advance(TimeSpan.FromSeconds(30));

        foreach (var caller in callers)
        {
            var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => caller);
            Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
            Assert.False(error.IsConfigurationError);
        }

        // Nothing was poisoned: the next caller tries again.
        harness.Endpoint.Responder = (_, n, _) => Task.FromResult(TokenEndpointStub.Ok(TokenEndpointStub.TokenValue(n)));
        var token = await harness.Provider.GetTokenAsync();
        Assert.StartsWith("access-token-2-", token.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_exception_instance()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 1);
        var gate = harness.GateResponses();
        harness.Endpoint.Responder = async (_, _, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return new HttpResponseMessage(HttpStatusCode.BadGateway);
        };

        var a = harness.Provider.GetTokenAsync().AsTask();
        var b = harness.Provider.GetTokenAsync().AsTask();
        gate.SetResult();

        var errorA = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => a);
        var errorB = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => b);
        Assert.NotSame(errorA, errorB);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task Disposed_provider_refuses_calls()
    {
        using var harness = new TokenProviderHarness();
        harness.Provider.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => harness.Provider.GetTokenAsync().AsTask());
    }

    /// <summary>Asserts the caller got its token without waiting (the call completed synchronously) and returns it.</summary>
    private static IdCloudAccessToken ServedAtOnce(ValueTask<IdCloudAccessToken> call)
    {
        Assert.True(call.IsCompletedSuccessfully, "a caller holding a valid token had to wait");
        return call.Result;
    }
}
