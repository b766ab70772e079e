using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

public sealed class TokenEndpointTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Fact]
    public async Task A_correct_assertion_gets_a_bearer_token_that_expires_in_an_hour()
    {
        using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, Valid().Sign(Account.PrivateKeyPem));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3600, json.RootElement.GetProperty("expires_in").GetInt32());
        var token = json.RootElement.GetProperty("access_token").GetString();
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(3, token!.Split('.').Length); // JWT-shaped, like the real one
        Assert.Equal(1, Emulator.TokenRequestCount);
        Assert.Equal(EmulatorRoute.Token, Assert.Single(Emulator.Requests).Route);
    }

    [Fact]
    public async Task An_extra_claim_is_rejected_with_1_2_22()
    {
        var assertion = Valid();
        assertion.Claims["nbf"] = Clock.GetUtcNow().ToUnixTimeSeconds();

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.22");
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("jti")]
    public async Task Claims_the_jwt_handlers_like_to_add_are_rejected_with_1_2_22(string claim)
    {
        var assertion = Valid();
        assertion.Claims[claim] = "x";

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.22");
    }

    [Fact]
    public async Task An_audience_with_a_trailing_slash_is_rejected_with_1_2_5()
    {
        var assertion = Valid();
        assertion.Claims["aud"] = Emulator.Audience + "/";

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.5");
    }

    [Fact]
    public async Task Another_host_as_audience_is_rejected_with_1_2_5()
    {
        var assertion = Valid();
        assertion.Claims["aud"] = "https://identityhomolog.acesso.io";

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.5");
    }

    [Fact]
    public void The_audience_is_the_identity_address_without_trailing_slash()
    {
        Assert.False(Emulator.Audience.EndsWith('/'));
        Assert.Equal(Emulator.IdentityBaseAddress.GetLeftPart(UriPartial.Authority), Emulator.Audience);
    }

    [Fact]
    public async Task An_expiry_more_than_an_hour_after_iat_is_rejected_with_1_2_5()
    {
        var assertion = Assertion.For(Account, Emulator.Audience, Clock.GetUtcNow(), TimeSpan.FromSeconds(3601));

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.5");
    }

    [Fact]
    public async Task An_expiry_exactly_an_hour_after_iat_is_accepted()
    {
        var assertion = Assertion.For(Account, Emulator.Audience, Clock.GetUtcNow(), TimeSpan.FromSeconds(3600));

        using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, assertion.Sign(Account.PrivateKeyPem));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_assertion_is_rejected_with_1_2_4()
    {
        var assertion = Assertion.For(Account, Emulator.Audience, Clock.GetUtcNow(), TimeSpan.FromMinutes(5));
        Clock.Advance(TimeSpan.FromMinutes(6));

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.4");
    }

    [Fact]
    public async Task A_reused_assertion_is_rejected_with_1_2_7()
    {
        var assertion = Valid().Sign(Account.PrivateKeyPem);
        using (var first = await EmulatorHttp.PostTokenAsync(Http, Emulator, assertion))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await AssertRejectedAsync(assertion, "1.2.7");
        Assert.Equal(2, Emulator.TokenRequestCount);
    }

    [Fact]
    public async Task Two_assertions_built_in_the_same_second_are_identical_so_the_second_is_a_replay()
    {
        // RS256 is deterministic and jti is forbidden: this is why a client must never mint two at once.
        var first = Valid().Sign(Account.PrivateKeyPem);
        var second = Valid().Sign(Account.PrivateKeyPem);
        Assert.Equal(first, second);

        using (var ok = await EmulatorHttp.PostTokenAsync(Http, Emulator, first))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await AssertRejectedAsync(second, "1.2.7");
    }

    [Fact]
    public async Task An_assertion_signed_by_another_key_is_rejected_with_1_2_5()
    {
        using var otherKey = RSA.Create(2048);

        await AssertRejectedAsync(Valid().Sign(otherKey), "1.2.5");
    }

    [Fact]
    public async Task A_tampered_payload_fails_the_real_signature_check_with_1_2_5()
    {
        var signed = Valid().Sign(Account.PrivateKeyPem).Split('.');
        var tampered = Valid();
        tampered.Claims["scope"] = "admin";
        var forged = Assertion.Encode(System.Text.Encoding.UTF8.GetBytes(tampered.Claims.ToJsonString()));

        await AssertRejectedAsync(signed[0] + "." + forged + "." + signed[2], "1.2.5");
    }

    [Fact]
    public async Task An_unknown_tenant_is_rejected_with_1_0_1()
    {
        var assertion = Valid();
        assertion.Claims["iss"] = Account.AccountName + "@no-such-tenant.iam.acesso.io";

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.0.1");
    }

    [Fact]
    public async Task A_malformed_issuer_is_rejected_with_1_0_1()
    {
        var assertion = Valid();
        assertion.Claims["iss"] = Account.AccountName;

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.0.1");
    }

    [Fact]
    public async Task An_unknown_account_of_a_known_tenant_is_rejected_with_1_2_5()
    {
        var assertion = Valid();
        assertion.Claims["iss"] = "nobody@" + Account.TenantId + ".iam.acesso.io";

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.5");
    }

    [Fact]
    public async Task A_missing_scope_is_rejected_with_1_1_1()
    {
        var assertion = Valid();
        assertion.Claims.Remove("scope");

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.1.1");
    }

    [Fact]
    public async Task Fractional_timestamps_are_rejected_with_1_2_20()
    {
        var assertion = Valid();
        assertion.Claims["iat"] = Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 + 0.5;

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.20");
    }

    [Fact]
    public async Task Timestamps_as_strings_are_rejected_with_1_2_20()
    {
        var assertion = Valid();
        assertion.Claims["exp"] = (Clock.GetUtcNow().ToUnixTimeSeconds() + 300).ToString(System.Globalization.CultureInfo.InvariantCulture);

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.20");
    }

    [Fact]
    public async Task Garbage_is_rejected_with_1_2_21()
    {
        await AssertRejectedAsync("not-a-jwt", "1.2.21");
    }

    [Fact]
    public async Task A_header_with_a_key_id_is_rejected_with_1_2_21()
    {
        var assertion = Valid();
        assertion.Header["kid"] = "key-1";

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.21");
    }

    [Fact]
    public async Task Another_algorithm_is_rejected_with_1_2_5()
    {
        var assertion = Valid();
        assertion.Header["alg"] = "RS512";

        await AssertRejectedAsync(assertion.Sign(Account.PrivateKeyPem), "1.2.5");
    }

    [Fact]
    public async Task A_locked_account_is_rejected_with_1_2_18_until_unlocked()
    {
        var account = Emulator.CreateServiceAccount("locked");
        account.Lock();
        await AssertRejectedAsync(Assertion.For(account, Emulator.Audience, Clock.GetUtcNow()).Sign(account.PrivateKeyPem), "1.2.18");

        account.Unlock();
        Clock.Advance(TimeSpan.FromSeconds(1)); // a fresh iat, so not a replay
        using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, Assertion.For(account, Emulator.Audience, Clock.GetUtcNow()).Sign(account.PrivateKeyPem));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_inactive_account_is_rejected_with_1_2_11_until_activated()
    {
        var account = Emulator.CreateServiceAccount("inactive");
        account.Deactivate();
        Assert.False(account.IsActive);
        await AssertRejectedAsync(Assertion.For(account, Emulator.Audience, Clock.GetUtcNow()).Sign(account.PrivateKeyPem), "1.2.11");

        account.Activate();
        Clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, Assertion.For(account, Emulator.Audience, Clock.GetUtcNow()).Sign(account.PrivateKeyPem));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_grant_type_is_a_400()
    {
        using var response = await Http.PostAsync(
            new Uri(Emulator.IdentityBaseAddress, "/oauth2/token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["assertion"] = Valid().Sign(Account.PrivateKeyPem) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Another_grant_type_is_a_400()
    {
        using var response = await Http.PostAsync(
            new Uri(Emulator.IdentityBaseAddress, "/oauth2/token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unsupported_grant_type", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_second_tenant_created_on_demand_is_known()
    {
        var other = Emulator.CreateServiceAccount("billing", "tenant-" + Guid.NewGuid().ToString("N")[..8]);
        var assertion = Assertion.For(other, Emulator.Audience, Clock.GetUtcNow());

        using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, assertion.Sign(other.PrivateKeyPem));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Account_names_longer_than_12_characters_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Emulator.CreateServiceAccount("thirteenchars"));
        Assert.Equal("twelve_chars", Emulator.CreateServiceAccount("twelve_chars").AccountName);
        Assert.Throws<ArgumentException>(() => Emulator.CreateServiceAccount("twelve_chars")); // same tenant, same name
    }

    [Fact]
    public void The_private_key_is_pkcs8_pem_and_never_in_ToString()
    {
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Account.PrivateKeyPem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", Account.ToString(), StringComparison.Ordinal);
        Assert.Contains(Account.Issuer, Account.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_points_the_sdk_options_at_the_emulator()
    {
        var options = new Unico.IdCloud.Client.IdCloudOptions { ServiceAccount = { PrivateKeyPath = "/somewhere/key.pem" } };

        Account.ApplyTo(options);

        Assert.Equal(Emulator.IdentityBaseAddress, options.GetIdentityBaseAddress());
        Assert.Equal(Emulator.ProcessApiBaseAddress, options.GetProcessApiBaseAddress());
        Assert.Equal(Emulator.SignatureApiBaseAddress, options.GetSignatureApiBaseAddress());
        Assert.Equal(Account.AccountName, options.ServiceAccount.AccountName);
        Assert.Equal(Account.TenantId, options.ServiceAccount.TenantId);
        Assert.Equal(Account.PrivateKeyPem, options.ServiceAccount.PrivateKeyPem);
        Assert.Null(options.ServiceAccount.PrivateKeyPath);
    }

    private Assertion Valid() => Assertion.For(Account, Emulator.Audience, Clock.GetUtcNow());

    private async Task AssertRejectedAsync(string assertion, string code)
    {
        using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, assertion);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Falha na autenticação " + code, await EmulatorHttp.TokenErrorDescriptionAsync(response));
    }
}
