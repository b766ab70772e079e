using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>What goes over the wire to the token endpoint, and how its answer is read.</summary>
public sealed class AssertionAndExchangeTests
{
    [Fact]
    public async Task Assertion_has_exactly_the_header_and_claims_unico_accepts_and_a_valid_rs256_signature()
    {
        using var harness = new TokenProviderHarness(o => o.AssertionLifetime = TimeSpan.FromMinutes(5));
        harness.Time.Advance(TimeSpan.FromMilliseconds(750)); // iat must drop the fraction, not round it
        var expectedIat = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        await harness.Provider.GetTokenAsync();

        var assertion = JwtAssertion.Parse(Assert.Single(harness.Endpoint.Requests).Assertion);
        Assert.Equal("""{"alg":"RS256","typ":"JWT"}""", assertion.HeaderJson);
        Assert.Equal(["iss", "aud", "scope", "iat", "exp"], assertion.ClaimNames());
        Assert.Equal("acme@tenant-1.iam.acesso.io", assertion.Claim("iss").GetString());
        Assert.Equal("https://identityhomolog.acesso.io", assertion.Claim("aud").GetString());
        Assert.Equal("*", assertion.Claim("scope").GetString());
        Assert.Equal(JsonValueKind.Number, assertion.Claim("iat").ValueKind);
        Assert.Equal(JsonValueKind.Number, assertion.Claim("exp").ValueKind);
        Assert.Equal(expectedIat, assertion.IssuedAt);
        Assert.InRange(assertion.Expires - expectedIat, 300, 3600);

        using var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(TestKeys.Rsa2048.ExportSubjectPublicKeyInfo(), out _);
        Assert.True(assertion.VerifiesWith(publicKey));

        using var otherKey = RSA.Create(2048);
        Assert.False(assertion.VerifiesWith(otherKey));
    }

    [Fact]
    public async Task Assertion_lifetime_of_one_hour_is_the_maximum_and_is_honoured()
    {
        using var harness = new TokenProviderHarness(o => o.AssertionLifetime = TimeSpan.FromHours(1));

        await harness.Provider.GetTokenAsync();

        var assertion = JwtAssertion.Parse(harness.Endpoint.Requests[0].Assertion);
        Assert.Equal(3600, assertion.Expires - assertion.IssuedAt);
    }

    [Theory]
    [InlineData(0.0, 300)]
    [InlineData(0.5, 1950)]
    [InlineData(0.9999999, 3600)]
    public async Task Assertion_exp_is_drawn_between_the_configured_lifetime_and_one_hour_so_instances_signing_in_one_second_differ(double draw, long expectedLifetime)
    {
        using var harness = new TokenProviderHarness(o => o.AssertionLifetime = TimeSpan.FromMinutes(5), random: new FixedRandom(draw));

        await harness.Provider.GetTokenAsync();

        var assertion = JwtAssertion.Parse(Assert.Single(harness.Endpoint.Requests).Assertion);
        Assert.Equal(expectedLifetime, assertion.Expires - assertion.IssuedAt);
        Assert.Equal(["iss", "aud", "scope", "iat", "exp"], assertion.ClaimNames());
    }

    [Fact]
    public async Task Two_instances_signing_in_the_same_second_send_different_assertions_when_their_draws_differ()
    {
        using var first = new TokenProviderHarness(random: new FixedRandom(0.1));
        using var second = new TokenProviderHarness(random: new FixedRandom(0.2));

        await first.Provider.GetTokenAsync();
        await second.Provider.GetTokenAsync();

        var a = JwtAssertion.Parse(Assert.Single(first.Endpoint.Requests).Assertion);
        var b = JwtAssertion.Parse(Assert.Single(second.Endpoint.Requests).Assertion);
        Assert.Equal(a.IssuedAt, b.IssuedAt);
        Assert.NotEqual(a.Expires, b.Expires);
        Assert.NotEqual(first.Endpoint.Requests[0].Assertion, second.Endpoint.Requests[0].Assertion);
    }

    [Theory]
    [InlineData("https://identity.acesso.io", "https://identity.acesso.io")]
    [InlineData("https://identity.acesso.io/", "https://identity.acesso.io")]
    [InlineData("https://identityhomolog.acesso.io/", "https://identityhomolog.acesso.io")]
    [InlineData("http://127.0.0.1:5080/identity/", "http://127.0.0.1:5080/identity")]
    public async Task Audience_never_has_a_trailing_slash_and_the_token_url_is_built_from_it(string baseAddress, string audience)
    {
        using var harness = new TokenProviderHarness(identityBaseAddress: new Uri(baseAddress));

        await harness.Provider.GetTokenAsync();

        var request = Assert.Single(harness.Endpoint.Requests);
        Assert.Equal(audience, JwtAssertion.Parse(request.Assertion).Claim("aud").GetString());
        Assert.Equal(new Uri(audience + "/oauth2/token"), request.Uri);
    }

    [Fact]
    public async Task Exchange_is_a_form_post_with_exactly_grant_type_and_assertion()
    {
        using var harness = new TokenProviderHarness();

        await harness.Provider.GetTokenAsync();

        var request = Assert.Single(harness.Endpoint.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(["grant_type", "assertion"], request.FormKeys);
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", request.Form["grant_type"]);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Token_value_type_and_expiry_are_read_from_the_answer()
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Ok("the-token", expiresIn: 1800, tokenType: "Bearer"));
        var start = harness.Time.GetUtcNow();

        var token = await harness.Provider.GetTokenAsync();

        Assert.Equal("the-token", token.Value);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(start.AddSeconds(1800), token.ExpiresOn);
    }

    [Fact]
    public async Task Expires_in_sent_as_a_string_is_accepted()
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Json(HttpStatusCode.OK, """{"access_token":"t1","token_type":"Bearer","expires_in":"600"}"""));
        var start = harness.Time.GetUtcNow();

        var token = await harness.Provider.GetTokenAsync();

        Assert.Equal(start.AddSeconds(600), token.ExpiresOn);
    }

    [Theory]
    [InlineData("3600.9", 3600)]
    [InlineData("\"7200\"", 7200)]
    [InlineData("86400", 86400)]
    [InlineData("86401", 86400)]
    [InlineData("922337203686", 86400)]
    [InlineData("9223372036854775807", 86400)]
    [InlineData("1e30", 86400)]
    [InlineData("\"1e30\"", 86400)]
    [InlineData("0", 300)]
    [InlineData("-60", 300)]
    [InlineData("0.5", 300)]
    [InlineData("\"Infinity\"", 300)]
    public async Task Expires_in_is_read_as_whole_seconds_and_believed_up_to_a_day(string expiresIn, int expectedSeconds)
    {
        // An absurd lifetime once overflowed TimeSpan/DateTimeOffset and failed the token request as "an SDK defect".
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Json(HttpStatusCode.OK, $$"""{"access_token":"t1","token_type":"Bearer","expires_in":{{expiresIn}}}"""));
        var start = harness.Time.GetUtcNow();

        var token = await harness.Provider.GetTokenAsync();

        Assert.Equal(start.AddSeconds(expectedSeconds), token.ExpiresOn);
    }

    [Theory]
    [InlineData("\"mac\"", "mac")]
    [InlineData("\"bearer\"", "bearer")]
    [InlineData("\"Bearer\\r\\ninfo: forged log line\"", "Bearer")]
    [InlineData("\"Bearer with spaces\"", "Bearer")]
    [InlineData("\"123456789012345678901234567890123\"", "Bearer")]
    [InlineData("42", "Bearer")]
    public async Task Token_type_is_kept_only_when_it_is_a_short_name(string tokenType, string expected)
    {
        // The type is shown by the token's ToString (safe to log) and stored in a shared store; it is never sent.
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Json(HttpStatusCode.OK, $$"""{"access_token":"t1","token_type":{{tokenType}},"expires_in":3600}"""));

        var token = await harness.Provider.GetTokenAsync();

        Assert.Equal(expected, token.TokenType);
        Assert.DoesNotContain('\n', token.ToString());
    }

    [Fact]
    public async Task Two_token_requests_never_carry_the_same_iat_even_within_one_second()
    {
        using var harness = new TokenProviderHarness();
        var provider = harness.Provider;

        // The clock does not move: without the rule both assertions would be byte-identical (RS256 is deterministic).
        var first = await provider.GetTokenAsync();
        provider.Invalidate(first);
        var second = await provider.GetTokenAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        provider.Invalidate(second);
        var third = await provider.GetTokenAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        provider.Invalidate(third);
        await provider.GetTokenAsync();

        var assertions = harness.Endpoint.Requests.Select(r => JwtAssertion.Parse(r.Assertion)).ToList();
        var iats = assertions.Select(a => a.IssuedAt).ToList();
        var now0 = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal([now0, now0 + 1, now0 + 2, now0 + 6], iats);
        Assert.Equal(iats.Count, harness.Endpoint.Requests.Select(r => r.Assertion).Distinct().Count());
        Assert.All(assertions, a => Assert.InRange(a.Expires - a.IssuedAt, 300, 3600));
    }

    [Fact]
    public async Task A_third_request_in_the_same_second_waits_for_the_clock_instead_of_dating_further_ahead()
    {
        using var harness = new TokenProviderHarness();
        var provider = harness.Provider;
        provider.Invalidate(await provider.GetTokenAsync());
        provider.Invalidate(await provider.GetTokenAsync()); // iat = now + 1

        var third = provider.GetTokenAsync().AsTask();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.False(third.IsCompleted);
        Assert.Equal(2, harness.Endpoint.RequestCount);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await third;

        var iats = harness.Endpoint.Requests.Select(r => JwtAssertion.Parse(r.Assertion).IssuedAt).ToList();
        Assert.Equal(iats.Distinct().Count(), iats.Count);
        Assert.True(iats[2] <= harness.Time.GetUtcNow().ToUnixTimeSeconds() + 1);
    }
}
