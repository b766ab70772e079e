using System.Text;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.AspNetCore.Tests.EmulatorOAuth2;

/// <summary>
/// The client secret and the access tokens stay out of everything a test or an operator reads: the scheme's
/// <see cref="object.ToString"/>, the delivery log and the emulator's own logs, on the success, 401-refresh and failure paths.
/// </summary>
public sealed class OAuth2SecrecyTests : IClassFixture<OAuth2EmulatorFixture>
{
    private const string ClientId = "idcloud-webhooks";
    private const string ClientSecret = "cs-secret-5b1f9d";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly OAuth2EmulatorFixture _fixture;

    public OAuth2SecrecyTests(OAuth2EmulatorFixture fixture)
    {
        fixture.Reset();
        _fixture = fixture;
    }

    [Fact]
    public void ToString_names_the_scheme_client_and_endpoint_but_not_the_secret()
    {
        var text = EmulatedWebhookAuthentication.OAuth2(new Uri("https://auth.example.com/oauth2/token?tenant=t1"), ClientId, ClientSecret).ToString();

        Assert.Contains("OAuth2", text, StringComparison.Ordinal);
        Assert.Contains(ClientId, text, StringComparison.Ordinal);
        Assert.Contains("https://auth.example.com/oauth2/token", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant=t1", text, StringComparison.Ordinal); // a query string may carry anything
    }

    [Theory]
    [InlineData("ftp://auth.example.com/token")]
    [InlineData("https://user:pw@auth.example.com/token")]
    [InlineData("https://auth.example.com/token#frag")]
    public void A_token_endpoint_that_is_not_plain_http_is_refused(string endpoint)
    {
        Assert.Throws<ArgumentException>(() => EmulatedWebhookAuthentication.OAuth2(new Uri(endpoint), ClientId, ClientSecret));
    }

    [Fact]
    public void The_client_id_and_secret_are_required()
    {
        var endpoint = new Uri("https://auth.example.com/token");
        Assert.Throws<ArgumentException>(() => EmulatedWebhookAuthentication.OAuth2(endpoint, "", ClientSecret));
        Assert.Throws<ArgumentException>(() => EmulatedWebhookAuthentication.OAuth2(endpoint, ClientId, ""));
        Assert.Throws<ArgumentNullException>(() => EmulatedWebhookAuthentication.OAuth2(null!, ClientId, ClientSecret));
    }

    [Fact]
    public async Task Neither_the_secret_nor_any_token_reaches_the_delivery_log_or_the_emulators_logs()
    {
        var emulator = _fixture.Emulator;
        await using var provider = await OAuth2TokenServer.StartAsync(ClientId, ClientSecret);
        await using var receiver = await WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.Bearer;
            o.BearerTokenValidator = (token, _) => ValueTask.FromResult(provider.IsValid(token));
        });
        var authentication = EmulatedWebhookAuthentication.OAuth2(provider.TokenUrl, ClientId, ClientSecret);
        emulator.ConfigureWebhook(new Uri(receiver.Client.BaseAddress!, WebhookTestServer.Path), authentication);

        // Success, then a 401 and a refresh, then a provider that echoes the secret in its error and in a non-JSON page.
        await DeliverAsync(1);
        provider.RevokeIssued();
        await DeliverAsync(2);
        provider.Answer = OAuth2TokenServer.TokenAnswer.BadRequest;
        provider.RevokeIssued();
        await DeliverAsync(2 + OAuth2EmulatorFixture.MaxAttempts, attemptsOnly: true);
        provider.Answer = OAuth2TokenServer.TokenAnswer.NotJson;
        await DeliverAsync(2 + (2 * OAuth2EmulatorFixture.MaxAttempts), attemptsOnly: true);

        var deliveries = emulator.WebhookDeliveries;
        Assert.Contains(deliveries, d => d.Error?.Contains("HTTP 400", StringComparison.Ordinal) == true); // the failures happened
        Assert.Contains(deliveries, d => d.Error?.Contains("not JSON", StringComparison.Ordinal) == true);
        Assert.Equal(2, provider.Issued.Count); // and so did the refresh
        var secrets = new List<string>(provider.Issued)
        {
            ClientSecret,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret)), // the client_secret_basic value
        };
        var logs = _fixture.Logs.Entries.Select(e => e.Message + " " + e.Exception).ToList();
        Assert.Contains(logs, l => l.Contains("OAuth2", StringComparison.Ordinal)); // the token events were logged
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, authentication.ToString(), StringComparison.Ordinal);
            Assert.All(deliveries, d => Assert.DoesNotContain(secret, d.ToString(), StringComparison.Ordinal));
            Assert.All(logs, l => Assert.DoesNotContain(secret, l, StringComparison.Ordinal));
        }

        async Task DeliverAsync(int attempts, bool attemptsOnly = false)
        {
            var processId = await _fixture.Caller.CreateProcessAsync();
            await emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
            if (attemptsOnly)
            {
                await emulator.WaitForWebhookAttemptsAsync(attempts, Patience);
            }
            else
            {
                await emulator.WaitForWebhookDeliveriesAsync(attempts, Patience);
            }
        }
    }
}
