using System.Net;
using System.Net.Http.Headers;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>Which token failures are retried, which pause token requests, and what the user is told.</summary>
public sealed class TokenFailurePolicyTests
{
    public static TheoryData<string, string> MisconfigurationCodes => new()
    {
        { "1.0.1", "TenantId" },
        { "1.0.14", "not active" },
        { "1.1.1", "scope" },
        { "1.2.5", "signature" },
        { "1.2.6", "new credentials" },
        { "1.2.11", "not active" },
        { "1.2.14", "permissions" },
        { "1.2.18", "locked" },
        { "1.2.19", "sub" },
        { "1.2.20", "iss, aud, scope, iat and exp" },
        { "1.2.21", "iss, aud, scope, iat and exp" },
        { "1.2.22", "nbf, jti or sub" },
    };

    [Theory]
    [MemberData(nameof(MisconfigurationCodes))]
    public async Task Misconfiguration_code_gives_the_typed_error_with_advice_and_is_never_retried(string code, string adviceMentions)
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Refusal(code));

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.True(error.IsConfigurationError);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(0, error.RetryCount);
        Assert.Equal("Falha na autenticação " + code, error.Description);
        Assert.Contains(adviceMentions, error.Advice, StringComparison.Ordinal);
        Assert.Contains(error.Advice!, error.Message, StringComparison.Ordinal);
        Assert.Contains("code " + code, error.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://identityhomolog.acesso.io/oauth2/token"), error.RequestUri);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Theory]
    [MemberData(nameof(MisconfigurationCodes))]
    public async Task After_a_misconfiguration_code_a_burst_of_calls_sends_nothing_until_the_pause_ends(string code, string adviceMentions)
    {
        _ = adviceMentions;
        using var harness = new TokenProviderHarness(o => o.ConfigurationErrorThrottle = TimeSpan.FromMinutes(1));
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Refusal(code));
        await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var burst = Enumerable.Range(0, 100).Select(_ => Task.Run(() => harness.Provider.GetTokenAsync().AsTask())).ToList();
        foreach (var call in burst)
        {
            var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => call);
            Assert.Equal(code, error.ErrorCode);
            Assert.True(error.IsConfigurationError);
            Assert.Contains("paused until", error.Message, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(50), error.RetryAfter);
        }

        Assert.Equal(1, harness.Endpoint.RequestCount);

        // When the pause ends, one more burst causes exactly one request (single flight), not a hundred.
        harness.Time.Advance(TimeSpan.FromSeconds(50));
        var gate = harness.GateResponses();
        var next = Enumerable.Range(0, 100).Select(_ => harness.Provider.GetTokenAsync().AsTask()).ToList();
        gate.SetResult();
        foreach (var call in next)
        {
            await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => call);
        }

        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task The_code_decides_whatever_the_http_status(HttpStatusCode status)
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Refusal("1.2.22", status));

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());

        Assert.Equal("1.2.22", error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.True(error.IsConfigurationError);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task Expired_assertion_points_at_the_clock_and_is_not_retried()
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Refusal("1.2.4"));

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());

        Assert.Contains("clock", error.Advice, StringComparison.Ordinal);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task Unknown_code_is_reported_as_given_not_retried_and_pauses_requests()
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Refusal("1.3.42", HttpStatusCode.Forbidden));

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());
        await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());

        Assert.Equal("1.3.42", error.ErrorCode);
        Assert.False(error.IsConfigurationError);
        Assert.Contains("1.3.42", error.Advice, StringComparison.Ordinal);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task A_4xx_without_a_code_is_not_retried_and_pauses_requests()
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("<html>Not Found</html>"),
        });

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());
        await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());

        Assert.Null(error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("identity host", error.Advice, StringComparison.Ordinal);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task A_5xx_is_retried_after_a_back_off_with_a_fresh_assertion()
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, n, _) => Task.FromResult(n == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : TokenEndpointStub.Ok("recovered"));

        var call = harness.Provider.GetTokenAsync().AsTask();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("recovered", (await call).Value);
        var assertions = harness.Endpoint.Requests.Select(r => r.Assertion).ToList();
        Assert.Equal(2, assertions.Count);
        Assert.NotEqual(assertions[0], assertions[1]);
    }

    [Fact]
    public async Task A_replayed_assertion_1_2_7_is_retried_with_a_new_iat()
    {
        using var harness = new TokenProviderHarness(random: new FixedRandom(0.5));
        harness.Endpoint.Responder = (_, n, _) => Task.FromResult(n == 1 ? TokenEndpointStub.Refusal("1.2.7") : TokenEndpointStub.Ok("fresh"));

        var call = harness.Provider.GetTokenAsync().AsTask();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("fresh", (await call).Value);
        var iats = harness.Endpoint.Requests.Select(r => JwtAssertion.Parse(r.Assertion).IssuedAt).ToList();
        Assert.Equal(2, iats.Count);
        Assert.NotEqual(iats[0], iats[1]);
    }

    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(0.25, 750)]
    [InlineData(0.9, 1400)]
    public async Task Retry_after_a_1_2_7_replay_is_jittered_so_instances_that_collided_drift_apart(double draw, int expectedMilliseconds)
    {
        using var harness = new TokenProviderHarness(random: new FixedRandom(draw));
        harness.Endpoint.Responder = (_, n, _) => Task.FromResult(n == 1 ? TokenEndpointStub.Refusal("1.2.7") : TokenEndpointStub.Ok("fresh"));

        var call = harness.Provider.GetTokenAsync().AsTask();
        var expected = TimeSpan.FromMilliseconds(expectedMilliseconds);
        await harness.Time.WaitForTimerAsync(expected);
        harness.Time.Advance(expected - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("fresh", (await call).Value);
        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task Transient_failures_stop_after_the_configured_attempts_and_do_not_pause_requests()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 3);
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError));

        var call = harness.Provider.GetTokenAsync().AsTask();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        harness.Time.Advance(TimeSpan.FromSeconds(2));

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => call);
        Assert.Equal(2, error.RetryCount);
        Assert.False(error.IsConfigurationError);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, harness.Endpoint.RequestCount);
        Assert.Equal(3, harness.Endpoint.Requests.Select(r => r.Assertion).Distinct().Count());

        // Not paused: the next caller tries again at once.
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Ok("back"));
        Assert.Equal("back", (await harness.Provider.GetTokenAsync()).Value);
    }

    [Fact]
    public async Task A_network_failure_is_transient()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 2);
        harness.Endpoint.Responder = (_, n, _) => n == 1
            ? throw new HttpRequestException("Connection refused (identityhomolog.acesso.io:443)")
            : Task.FromResult(TokenEndpointStub.Ok("after-network-error"));

        var call = harness.Provider.GetTokenAsync().AsTask();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("after-network-error", (await call).Value);
    }

    [Fact]
    public async Task Retry_after_from_the_identity_service_lengthens_the_back_off()
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, n, _) =>
        {
            if (n > 1)
            {
                return Task.FromResult(TokenEndpointStub.Ok("after-429"));
            }

            var tooMany = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            tooMany.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
            return Task.FromResult(tooMany);
        };

        var call = harness.Provider.GetTokenAsync().AsTask();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted);
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("after-429", (await call).Value);
    }

    [Fact]
    public async Task A_success_status_without_a_token_is_an_authentication_error_not_a_crash()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 1);
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Json(HttpStatusCode.OK, "<html>proxy login</html>"));

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());

        Assert.Contains("without a usable access_token", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task A_success_after_a_pause_clears_it()
    {
        using var harness = new TokenProviderHarness(o => o.ConfigurationErrorThrottle = TimeSpan.FromSeconds(30));
        harness.Endpoint.Responder = (_, n, _) => Task.FromResult(n == 1 ? TokenEndpointStub.Refusal("1.2.5") : TokenEndpointStub.Ok("fixed"));
        await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask());

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var token = await harness.Provider.GetTokenAsync();
        harness.Provider.Invalidate(token);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var next = await harness.Provider.GetTokenAsync();

        Assert.Equal("fixed", next.Value);
        Assert.Equal(3, harness.Endpoint.RequestCount);
    }

    [Fact]
    public void Invalid_token_options_fail_at_construction_naming_the_setting()
    {
        using var harness = new TokenProviderHarness(o => o.AssertionLifetime = TimeSpan.FromHours(2));

        var error = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => harness.Provider);

        Assert.Equal("IdCloud:Token:AssertionLifetime", error.SettingName);
        Assert.Contains("one hour", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(IdCloudTokenOptions.AssertionLifetime), "00:00:05")]
    [InlineData(nameof(IdCloudTokenOptions.AssertionLifetime), "01:00:01")]
    [InlineData(nameof(IdCloudTokenOptions.RefreshBeforeExpiry), "-00:00:01")]
    [InlineData(nameof(IdCloudTokenOptions.TokenRequestTimeout), "00:00:00")]
    [InlineData(nameof(IdCloudTokenOptions.MaxTransientAttempts), "0")]
    [InlineData(nameof(IdCloudTokenOptions.MaxTransientAttempts), "11")]
    [InlineData(nameof(IdCloudTokenOptions.ConfigurationErrorThrottle), "00:00:00")]
    public void Each_token_option_is_range_checked(string setting, string value)
    {
        var options = new IdCloudTokenOptions();
        var property = typeof(IdCloudTokenOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? int.Parse(value) : TimeSpan.Parse(value));

        var error = Assert.Single(options.Validate());

        Assert.Equal("IdCloud:Token:" + setting, error.Setting);
        Assert.StartsWith("IdCloud:Token:" + setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_token_options_are_valid()
    {
        Assert.Empty(new IdCloudTokenOptions().Validate());
    }
}
