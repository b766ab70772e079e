using System.Net;
using Unico.IdCloud.AspNetCore.Tests.Emulator;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.AspNetCore.Tests.EmulatorOAuth2;

/// <summary>
/// Unico's OAuth2 webhook scheme end to end: the emulator gets a token from the customer's provider (a real token
/// server) with the client credentials grant and delivers with <c>Authorization: Bearer</c> to the SDK's receiver, whose
/// validator accepts only tokens that provider issued and has not revoked.
/// </summary>
public sealed class OAuth2WebhookDeliveryTests : IClassFixture<OAuth2EmulatorFixture>, IAsyncLifetime
{
    private const string ClientId = "idcloud-webhooks";
    private const string ClientSecret = "cs-8f3a1c9e-secret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly OAuth2EmulatorFixture _fixture;
    private readonly List<string> _presented = [];
    private OAuth2TokenServer _provider = null!;
    private WebhookTestServer _receiver = null!;

    public OAuth2WebhookDeliveryTests(OAuth2EmulatorFixture fixture)
    {
        fixture.Reset();
        _fixture = fixture;
    }

    private IdCloudEmulator Emulator => _fixture.Emulator;

    private RawEmulatorCaller Caller => _fixture.Caller;

    public async Task InitializeAsync()
    {
        _provider = await OAuth2TokenServer.StartAsync(ClientId, ClientSecret);
        _receiver = await StartReceiverAsync(_provider);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task The_receiver_gets_the_notification_with_the_providers_token_as_Bearer()
    {
        Emulator.ConfigureWebhook(WebhookUrl(), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));
        var processId = await Caller.CreateProcessAsync();

        await Emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);
        var run = await _receiver.Handler.NextRunAsync();

        Assert.Equal(processId, run.ProcessId);
        var delivery = Assert.Single(Emulator.WebhookDeliveries);
        Assert.Equal((1, (int)HttpStatusCode.Accepted), (delivery.Attempt, delivery.StatusCode!.Value));
        Assert.Null(delivery.Error);
        Assert.Equal(1, _provider.Requests);
        Assert.Empty(_provider.Refusals); // the grant and the client authentication were what RFC 6749 asks
        Assert.Equal(_provider.Issued, Presented());
    }

    [Fact]
    public async Task Client_credentials_are_form_encoded_before_base64_so_colons_spaces_and_plus_survive()
    {
        // RFC 6749 §2.3.1. Plain RFC 7617 Basic would cut this id at its ':' and the provider would read '+' as a space.
        const string awkwardId = "tenant:42 webhooks";
        const string awkwardSecret = "p+ss wörd:=/%";
        await using var provider = await OAuth2TokenServer.StartAsync(awkwardId, awkwardSecret);
        await using var receiver = await StartReceiverAsync(provider);
        Emulator.ConfigureWebhook(new Uri(receiver.Client.BaseAddress!, WebhookTestServer.Path), EmulatedWebhookAuthentication.OAuth2(provider.TokenUrl, awkwardId, awkwardSecret));
        var processId = await Caller.CreateProcessAsync();

        await Emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        Assert.Empty(provider.Refusals);
        Assert.Equal(processId, (await receiver.Handler.NextRunAsync()).ProcessId);
    }

    [Fact]
    public async Task Concurrent_deliveries_share_one_token_request()
    {
        Emulator.ConfigureWebhook(WebhookUrl(), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));
        var processes = new[] { await Caller.CreateProcessAsync(), await Caller.CreateProcessAsync(), await Caller.CreateProcessAsync() };
        _provider.Hold();

        foreach (var processId in processes)
        {
            await Emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        }

        // The three deliveries start at once and all need a token while the provider holds its first answer. Every
        // delivery fetching its own would send more requests; two seconds give such a bug time to show (a shorter wait
        // on a stalled machine can only let it pass, never fail a correct emulator).
        Assert.True(await _provider.SawRequestsAsync(1, Patience));
        Assert.False(await _provider.SawRequestsAsync(2, TimeSpan.FromSeconds(2)));
        _provider.Release();
        await Emulator.WaitForWebhookDeliveriesAsync(3, Patience);

        Assert.Equal(1, _provider.Requests);
        Assert.Equal(processes.Order(), Emulator.WebhookDeliveries.Select(d => d.ProcessId).Order());
        Assert.All(Emulator.WebhookDeliveries, d => Assert.Equal(1, d.Attempt));
        Assert.Equal(Enumerable.Repeat(Assert.Single(_provider.Issued), 3), Presented());
    }

    [Fact]
    public async Task The_token_is_reused_until_shortly_before_it_expires_by_the_emulators_clock_then_fetched_again()
    {
        _provider.ExpiresInSeconds = 300;
        Emulator.ConfigureWebhook(WebhookUrl(), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));

        await DeliverOneAsync(expectedDeliveries: 1);
        _fixture.Clock.Advance(TimeSpan.FromSeconds(240));
        await DeliverOneAsync(expectedDeliveries: 2);
        Assert.Equal(1, _provider.Requests); // a minute of life left: still used

        // 290 s of 300: within the refresh margin, so the emulator does not present a token about to lapse.
        _fixture.Clock.Advance(TimeSpan.FromSeconds(50));
        await DeliverOneAsync(expectedDeliveries: 3);

        Assert.Equal(2, _provider.Requests);
        var issued = _provider.Issued;
        Assert.Equal([issued[0], issued[0], issued[1]], Presented());
        Assert.All(Emulator.WebhookDeliveries, d => Assert.Equal(1, d.Attempt));
    }

    [Fact]
    public async Task A_lifetime_beyond_the_calendar_is_a_token_that_does_not_expire_not_a_lost_webhook()
    {
        // 4e11 s (about 12,700 years) is a whole number of seconds a TimeSpan holds, but now + that is past year 9999.
        _provider.ExpiresInSeconds = 400_000_000_000;
        Emulator.ConfigureWebhook(WebhookUrl(), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));

        await DeliverOneAsync(expectedDeliveries: 1);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(20)); // minutes: the fixture's caller token must outlive every test
        await DeliverOneAsync(expectedDeliveries: 2);

        Assert.Equal(1, _provider.Requests);
        Assert.All(Emulator.WebhookDeliveries, d => Assert.Equal((1, null), (d.Attempt, d.Error)));
    }

    [Fact]
    public async Task A_token_without_expires_in_is_reused_however_far_the_clock_moves()
    {
        _provider.ExpiresInSeconds = null;
        Emulator.ConfigureWebhook(WebhookUrl(), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));

        await DeliverOneAsync(expectedDeliveries: 1);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        await DeliverOneAsync(expectedDeliveries: 2);

        Assert.Equal(1, _provider.Requests);
        Assert.Equal(2, Presented().Length);
    }

    [Fact]
    public async Task A_401_to_a_revoked_token_fetches_a_new_one_and_resends_within_the_same_attempt()
    {
        Emulator.ConfigureWebhook(WebhookUrl(), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));
        await DeliverOneAsync(expectedDeliveries: 1);

        _provider.RevokeIssued(); // the customer rotated its signing keys: the cached token is now refused
        var processId = await DeliverOneAsync(expectedDeliveries: 2);

        var delivery = Emulator.WebhookDeliveries.Single(d => d.ProcessId == processId);
        Assert.Equal((1, (int)HttpStatusCode.Accepted), (delivery.Attempt, delivery.StatusCode!.Value));
        Assert.Equal(2, _provider.Requests);
        var issued = _provider.Issued;
        Assert.Equal([issued[0], issued[0], issued[1]], Presented()); // the stale token once, then the new one
    }

    [Fact]
    public async Task A_receiver_that_refuses_every_token_gets_one_token_refresh_per_notification_not_one_per_attempt()
    {
        await using var refusing = await WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.Bearer;
            o.BearerTokenValidator = (_, _) => ValueTask.FromResult(false);
        });
        Emulator.ConfigureWebhook(new Uri(refusing.Client.BaseAddress!, WebhookTestServer.Path), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));
        var processId = await Caller.CreateProcessAsync();

        await Emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await Emulator.WaitForWebhookAttemptsAsync(OAuth2EmulatorFixture.MaxAttempts, Patience);

        var attempts = Emulator.WebhookDeliveries;
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt).ToArray());
        Assert.All(attempts, a => Assert.Equal((int)HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(2, _provider.Requests);
        Assert.Empty(refusing.Handler.Runs);
    }

    private async Task<string> DeliverOneAsync(int expectedDeliveries)
    {
        var processId = await Caller.CreateProcessAsync();
        await Emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await Emulator.WaitForWebhookDeliveriesAsync(expectedDeliveries, Patience);
        Assert.Equal(processId, (await _receiver.Handler.NextRunAsync()).ProcessId);
        return processId;
    }

    private Task<WebhookTestServer> StartReceiverAsync(OAuth2TokenServer provider) =>
        WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.Bearer;
            o.BearerTokenValidator = (token, _) =>
            {
                lock (_presented)
                {
                    _presented.Add(token);
                }

                return ValueTask.FromResult(provider.IsValid(token));
            };
        });

    private string[] Presented()
    {
        lock (_presented)
        {
            return [.. _presented];
        }
    }

    private Uri WebhookUrl() => new(_receiver.Client.BaseAddress!, WebhookTestServer.Path);
}
