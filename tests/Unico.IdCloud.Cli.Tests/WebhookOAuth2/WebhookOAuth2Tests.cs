using System.Text;
using System.Text.Json;
using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests.WebhookOAuth2;

/// <summary>
/// Unico's OAuth2 webhook scheme from outside .NET: <c>idcloud webhook send --oauth2</c> and the control API's
/// <c>"mode":"oauth2"</c> both get a token from the customer's token endpoint (client credentials) and send it as Bearer.
/// </summary>
public sealed class WebhookOAuth2Tests : IClassFixture<EmulatorFixture>
{
    private const string ClientId = "hooks-client";
    private const string ClientSecret = "oauth-secret-4242";
    private const string AccessToken = "issued-token-9f8e7d";
    private static readonly string TokenAnswer = $$"""{"access_token":"{{AccessToken}}","token_type":"bearer","expires_in":3600}""";

    private readonly EmulatorFixture _fixture;

    public WebhookOAuth2Tests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Send_with_oauth2_gets_a_client_credentials_token_and_delivers_it_as_Bearer_without_printing_secrets()
    {
        using var provider = new WebhookReceiver { JsonBody = TokenAnswer };
        using var receiver = new WebhookReceiver();

        var result = await IdCloudCli.RunAsync(
            new Dictionary<string, string?> { ["HOOK_SECRET"] = ClientSecret },
            "webhook", "send", receiver.Url, "--oauth2", provider.Url, "--client-id", ClientId, "--client-secret", "env:HOOK_SECRET");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertClientCredentialsGrant(await provider.WaitForAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal("Bearer " + AccessToken, (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(5))).Header("Authorization"));
        Assert.Contains("HTTP 200", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessToken, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_with_oauth2_whose_provider_refuses_sends_nothing_and_exits_1_naming_the_cause()
    {
        using var provider = new WebhookReceiver(status: 401) { JsonBody = """{"error":"invalid_client"}""" };
        using var receiver = new WebhookReceiver();

        var result = await IdCloudCli.RunAsync(null, "webhook", "send", receiver.Url, "--oauth2", provider.Url, "--client-id", ClientId, "--client-secret", ClientSecret, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("answered HTTP 401 with error 'invalid_client'", result.StandardError, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.False(json.RootElement.GetProperty("delivered").GetBoolean());
        Assert.Equal("oauth2", json.RootElement.GetProperty("authentication").GetString());
        Assert.Empty(receiver.Received);
        Assert.DoesNotContain(ClientSecret, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oauth2_options_must_come_together()
    {
        var withoutSecret = await IdCloudCli.RunAsync(null, "webhook", "send", "http://127.0.0.1:9/hook", "--oauth2", "http://127.0.0.1:9/token", "--client-id", ClientId);
        var withBearer = await IdCloudCli.RunAsync(null, "webhook", "send", "http://127.0.0.1:9/hook", "--oauth2", "http://127.0.0.1:9/token", "--client-id", ClientId, "--client-secret", ClientSecret, "--bearer", "t");

        Assert.Equal(2, withoutSecret.ExitCode);
        Assert.Contains("--client-secret", withoutSecret.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, withBearer.ExitCode);
        Assert.Contains("at most one", withBearer.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_control_api_configures_oauth2_and_the_emulator_delivers_with_the_providers_token()
    {
        using var provider = new WebhookReceiver { JsonBody = TokenAnswer };
        using var receiver = new WebhookReceiver();
        var answer = await _fixture.ControlAsync(HttpMethod.Put, "/webhook", new
        {
            url = receiver.Url,
            authentication = new { mode = "oauth2", tokenUrl = provider.Url, clientId = ClientId, clientSecret = ClientSecret },
        });
        try
        {
            Assert.Equal("oauth2", answer.GetProperty("authentication").GetString());
            Assert.DoesNotContain(ClientSecret, answer.GetRawText(), StringComparison.Ordinal);
            var created = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "process", "create", "--flow", "idlive", "--cpf", "73689290074", "--name", "Ana", "--json");
            using var process = JsonDocument.Parse(created.StandardOutput);
            var id = process.RootElement.GetProperty("id").GetString()!;

            await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{id}/finish", new { outcome = "Approved" });

            var delivered = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(10));
            Assert.Equal("Bearer " + AccessToken, delivered.Header("Authorization"));
            Assert.Contains(id, delivered.Body, StringComparison.Ordinal);
            AssertClientCredentialsGrant(Assert.Single(provider.Received));
            var deliveries = await _fixture.ControlAsync(HttpMethod.Get, "/webhook/deliveries");
            Assert.DoesNotContain(AccessToken, deliveries.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            await _fixture.ControlAsync(HttpMethod.Delete, "/webhook");
        }
    }

    [Fact]
    public async Task The_control_api_says_what_oauth2_is_missing()
    {
        var noSecret = await _fixture.ControlAsync(HttpMethod.Put, "/webhook", new { url = "http://127.0.0.1:9/hook", authentication = new { mode = "oauth2", tokenUrl = "http://127.0.0.1:9/token", clientId = ClientId } }, 400);
        var badUrl = await _fixture.ControlAsync(HttpMethod.Put, "/webhook", new { url = "http://127.0.0.1:9/hook", authentication = new { mode = "oauth2", tokenUrl = "token", clientId = ClientId, clientSecret = ClientSecret } }, 400);

        Assert.Contains("\"clientSecret\"", noSecret.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"tokenUrl\"", badUrl.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static void AssertClientCredentialsGrant(ReceivedWebhook tokenRequest)
    {
        Assert.Equal("POST", tokenRequest.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", tokenRequest.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("grant_type=client_credentials", tokenRequest.Body);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret)), tokenRequest.Header("Authorization"));
    }
}
