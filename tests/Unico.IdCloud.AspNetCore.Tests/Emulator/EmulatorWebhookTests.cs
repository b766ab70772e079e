using System.Net;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.AspNetCore.Tests.Emulator;

/// <summary>
/// The emulator delivers its webhook, as Unico would, to the receiver on a real Kestrel socket: credentials,
/// duplicates and the handler seen end to end.
/// </summary>
public sealed class EmulatorWebhookTests : IClassFixture<EmulatorFixture>
{
    private readonly IdCloudEmulator _emulator;
    private readonly RawEmulatorCaller _caller;

    public EmulatorWebhookTests(EmulatorFixture fixture)
    {
        fixture.Reset();
        _emulator = fixture.Emulator;
        _caller = fixture.Caller;
    }

    [Fact]
    public async Task The_right_api_key_is_acknowledged_with_2xx_and_the_handler_gets_the_notification()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "X-API-Key:abc123"; });
        _emulator.ConfigureWebhook(WebhookUrl(server), EmulatedWebhookAuthentication.ApiKey("X-API-Key:abc123"));
        var processId = await _caller.CreateProcessAsync();

        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await _emulator.WaitForWebhookDeliveriesAsync(1, TimeSpan.FromSeconds(10));
        var run = await server.Handler.NextRunAsync();

        var delivery = Assert.Single(_emulator.WebhookDeliveries);
        Assert.Equal((int)HttpStatusCode.Accepted, delivery.StatusCode);
        Assert.Equal(processId, run.ProcessId);
        Assert.Equal("PROCESS_STATE_FINISHED", run.Notification.State?.Value);
        Assert.Equal("id", run.Notification.Flow?.Value);
    }

    [Fact]
    public async Task The_right_basic_credentials_are_acknowledged_with_2xx()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.Basic; o.BasicCredentials = "unico:s3cr3t"; });
        _emulator.ConfigureWebhook(WebhookUrl(server), EmulatedWebhookAuthentication.Basic("unico", "s3cr3t"));
        var processId = await _caller.CreateProcessAsync();

        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.IdentityNegative);
        await _emulator.WaitForWebhookDeliveriesAsync(1, TimeSpan.FromSeconds(10));

        Assert.Equal(processId, (await server.Handler.NextRunAsync()).ProcessId);
        Assert.True(Assert.Single(_emulator.WebhookDeliveries).Succeeded);
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("no credentials")]
    public async Task Wrong_or_missing_credentials_get_401_on_every_attempt_and_the_handler_never_runs(string because)
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.Basic; o.BasicCredentials = "unico:s3cr3t"; });
        _emulator.ConfigureWebhook(
            WebhookUrl(server),
            because == "no credentials" ? EmulatedWebhookAuthentication.None : EmulatedWebhookAuthentication.Basic("unico", "guess"));
        var rejected = await _caller.CreateProcessAsync();

        await _emulator.FinishProcessAsync(rejected, EmulatedOutcome.Approved);
        await _emulator.WaitForWebhookAttemptsAsync(3, TimeSpan.FromSeconds(10));

        Assert.All(_emulator.WebhookDeliveries, d => Assert.Equal((int)HttpStatusCode.Unauthorized, d.StatusCode));

        // Sentinel: with the right credentials a later process reaches the handler, and it is the only one that ever did.
        _emulator.ConfigureWebhook(WebhookUrl(server), EmulatedWebhookAuthentication.Basic("unico", "s3cr3t"));
        var accepted = await _caller.CreateProcessAsync();
        await _emulator.FinishProcessAsync(accepted, EmulatedOutcome.Approved);
        Assert.Equal(accepted, (await server.Handler.NextRunAsync()).ProcessId);
        Assert.Equal([accepted], server.Handler.Runs.Select(r => r.ProcessId));
    }

    [Fact]
    public async Task The_same_notification_delivered_twice_runs_the_handler_once()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "raw-key"; o.MaxConcurrentHandlers = 1; });
        _emulator.ConfigureWebhook(WebhookUrl(server), EmulatedWebhookAuthentication.ApiKey("raw-key"), deliverTwice: true);
        var processId = await _caller.CreateProcessAsync();

        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await _emulator.WaitForWebhookDeliveriesAsync(2, TimeSpan.FromSeconds(10));
        await server.Handler.NextRunAsync();

        Assert.Equal(2, _emulator.WebhookDeliveries.Count(d => d.Succeeded));
        Assert.Contains(_emulator.WebhookDeliveries, d => d.StatusCode == (int)HttpStatusCode.OK);

        // Sentinel: a later process is handled next; had the duplicate been queued, it would have run before it.
        _emulator.ConfigureWebhook(WebhookUrl(server), EmulatedWebhookAuthentication.ApiKey("raw-key"));
        var next = await _caller.CreateProcessAsync();
        await _emulator.FinishProcessAsync(next, EmulatedOutcome.Approved);
        await server.Handler.NextRunAsync();
        Assert.Equal([processId, next], server.Handler.Runs.Select(r => r.ProcessId));
    }

    [Fact]
    public async Task An_expired_process_notification_carries_its_last_event()
    {
        await using var server = await WebhookTestServer.StartAsync(o => o.Authentication = IdCloudWebhookAuthentication.None);
        _emulator.ConfigureWebhook(WebhookUrl(server), EmulatedWebhookAuthentication.None);
        var processId = await _caller.CreateProcessAsync();

        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.Expired);
        var run = await server.Handler.NextRunAsync();

        Assert.Equal(processId, run.ProcessId);
        Assert.StartsWith("EVENT_TYPE_", run.Notification.LastEvent, StringComparison.Ordinal);
    }

    private static Uri WebhookUrl(WebhookTestServer server) => new(server.Client.BaseAddress!, WebhookTestServer.Path);
}
