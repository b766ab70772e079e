using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http.Headers;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>Every process and signature call needs a valid bearer token, checked against the emulator's clock.</summary>
public sealed class BearerTokenTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    public static TheoryData<string?> BadAuthorizations => new() { null, "Bearer", "Bearer not-a-jwt", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "Basic dXNlcjpwYXNz" };

    [Theory]
    [MemberData(nameof(BadAuthorizations))]
    public async Task A_missing_garbled_or_unknown_token_is_a_401_with_the_documented_json_message(string? authorization)
    {
        var request = EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), null);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Http.SendAsync(request);

        // The response list: "401 / Erro no access-token. / application/json"; the message column: "Jwt header is an
        // invalid JSON / Quando o access-token utilizado contém caracteres errados".
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Jwt header is an invalid JSON", await EmulatorHttp.ReadUnauthorizedMessageAsync(response));
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task An_expired_token_is_a_401_Jwt_is_expired_on_the_process_api()
    {
        var token = await TokenAsync();
        Clock.Advance(TimeSpan.FromSeconds(3600));

        using var response = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, EmulatorHttp.CreateBody()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Jwt is expired", await EmulatorHttp.ReadUnauthorizedMessageAsync(response));
        Assert.Equal(0, Emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task An_expired_token_is_a_401_Jwt_is_expired_on_the_signature_api()
    {
        var token = await TokenAsync();
        Clock.Advance(TimeSpan.FromHours(2));

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, "/api/v1/service/file/" + Guid.NewGuid(), token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Jwt is expired", await EmulatorHttp.ReadUnauthorizedMessageAsync(response));
    }

    [Fact]
    public async Task A_token_works_until_the_last_second_of_its_lifetime()
    {
        var token = await TokenAsync();
        Clock.Advance(TimeSpan.FromSeconds(3599));

        using var response = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, EmulatorHttp.CreateBody()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoked_tokens_are_refused_and_a_new_one_works()
    {
        var token = await TokenAsync();
        Emulator.RevokeAccessTokens();

        using (var refused = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var accepted = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), await TokenAsync()));
        Assert.Equal(HttpStatusCode.NotFound, accepted.StatusCode); // authenticated: the process just does not exist
    }

    [Fact]
    public async Task The_bearer_scheme_is_case_insensitive()
    {
        var token = await TokenAsync();
        var request = EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), null);
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_access_token_lifetime_is_configurable()
    {
        var clock = new FakeTimeProvider(EmulatorFixture.ClockStart);
        await using var emulator = await IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions { TimeProvider = clock, AccessTokenLifetime = TimeSpan.FromMinutes(2) });
        var account = emulator.CreateServiceAccount();

        using var response = await EmulatorHttp.PostTokenAsync(Http, emulator, Assertion.For(account, emulator.Audience, clock.GetUtcNow()).Sign(account.PrivateKeyPem));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await Http.SendAsync(EmulatorHttp.Get(emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token));

        Assert.Equal(120, json.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal("Jwt is expired", await EmulatorHttp.ReadUnauthorizedMessageAsync(expired));
    }
}
