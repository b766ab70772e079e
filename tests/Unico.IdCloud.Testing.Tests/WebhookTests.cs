using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

public sealed class WebhookTests(EmulatorFixture fixture) : EmulatorTest(fixture), IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private WebhookReceiver _receiver = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task Finishing_a_process_posts_the_documented_json_without_credentials()
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        var id = await FinishedProcessAsync("idunicodocs", EmulatedOutcome.Approved);

        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        var call = Assert.Single(_receiver.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/webhooks/unico", call.Path);
        Assert.StartsWith("application/json", call.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.False(call.Headers.ContainsKey("Authorization"));
        using var json = JsonDocument.Parse(call.Body);
        Assert.Equal(["processId", "state", "flow"], json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(id, json.RootElement.GetProperty("processId").GetString());
        Assert.Equal("PROCESS_STATE_FINISHED", json.RootElement.GetProperty("state").GetString());
        Assert.Equal("idunicodocs", json.RootElement.GetProperty("flow").GetString());
        var delivery = Assert.Single(Emulator.WebhookDeliveries);
        Assert.True(delivery.Succeeded);
        Assert.Equal((id, 1, 1, 200), (delivery.ProcessId, delivery.Copy, delivery.Attempt, delivery.StatusCode!.Value));
    }

    [Fact]
    public async Task An_expired_process_adds_the_last_event()
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        await FinishedProcessAsync("id", EmulatedOutcome.Expired);

        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        using var json = JsonDocument.Parse(Assert.Single(_receiver.Calls).Body);
        Assert.Equal("EVENT_TYPE_PROCESS_CREATED", json.RootElement.GetProperty("lastEvent").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("lastEventDescription").GetString()));
    }

    [Fact]
    public async Task A_process_nobody_reads_is_notified_as_expired_once_the_clock_passes_its_expiry()
    {
        // Unico notifies when a process finishes, and an expired one carries lastEvent (facts §2); emulator.md: "A
        // process still open when the emulator's clock passes expiresAt finishes as expired (and fires the webhook)".
        // A receiver under test must get it without any GetProcess call prodding the emulator.
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        var created = await CreateProcessAsync(await TokenAsync(), EmulatorHttp.CreateBody("id", extra: ", \"expiresIn\": \"60s\""));
        var id = created.GetProperty("id").GetString();
        Assert.Empty(Emulator.WebhookDeliveries);

        Clock.Advance(TimeSpan.FromSeconds(61));

        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);
        using var json = JsonDocument.Parse(Assert.Single(_receiver.Calls).Body);
        Assert.Equal(id, json.RootElement.GetProperty("processId").GetString());
        Assert.Equal("EVENT_TYPE_PROCESS_CREATED", json.RootElement.GetProperty("lastEvent").GetString());
        var process = await GetProcessAsync(await TokenAsync(), id!);
        Assert.Equal("PROCESS_RESULT_EXPIRED", process.GetProperty("result").GetString());
    }

    [Fact]
    public async Task After_Reset_a_process_an_earlier_test_left_open_expires_when_read_but_sends_no_webhook_into_the_next_test()
    {
        // A fixture shares one emulator: the earlier test's process must not land in this test's delivery log.
        var created = await CreateProcessAsync(await TokenAsync(), EmulatorHttp.CreateBody("id", extra: ", \"expiresIn\": \"60s\""));
        var id = created.GetProperty("id").GetString()!;
        Emulator.Reset();
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);

        Clock.Advance(TimeSpan.FromSeconds(61));
        var marker = await FinishedProcessAsync("id", EmulatedOutcome.Approved);
        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        // The webhook queue is in order: had the timer fired, its delivery would have come before the marker's.
        using (var json = JsonDocument.Parse(Assert.Single(_receiver.Calls).Body))
        {
            Assert.Equal(marker, json.RootElement.GetProperty("processId").GetString());
        }

        // Read past expiresAt it is still expired, as it was before expiry timers existed.
        var process = await GetProcessAsync(await TokenAsync(), id);
        Assert.Equal("PROCESS_RESULT_EXPIRED", process.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Basic_authentication_sends_the_encoded_user_and_password()
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.Basic("unico", "s3cr:et"));
        await FinishedProcessAsync("id", EmulatedOutcome.Approved);

        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("unico:s3cr:et"));
        Assert.Equal(expected, Assert.Single(_receiver.Calls).Headers["Authorization"]);
    }

    [Theory]
    [InlineData("X-API-Key:abc123", "X-API-Key", "abc123")]
    [InlineData("Authorization:Bearer abc123", "Authorization", "Bearer abc123")]
    [InlineData("X-Token:a:b:c", "X-Token", "a:b:c")] // split on the FIRST colon only
    [InlineData("rawsecretvalue", "Authorization", "rawsecretvalue")] // no colon: sent raw, no scheme
    public async Task An_api_key_is_split_on_its_first_colon(string configured, string header, string value)
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.ApiKey(configured));
        await FinishedProcessAsync("id", EmulatedOutcome.Approved);

        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        Assert.Equal(value, Assert.Single(_receiver.Calls).Headers[header]);
    }

    [Fact]
    public void Credentials_never_show_in_ToString()
    {
        Assert.DoesNotContain("pass", EmulatedWebhookAuthentication.Basic("user", "pass").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", EmulatedWebhookAuthentication.ApiKey("X-API-Key:abc123").ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EmulatedWebhookAuthentication.ApiKey("Bad Header:value"));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_until_it_answers_2xx()
    {
        _receiver.AnswerNext(500, 503);
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        var id = await FinishedProcessAsync("id", EmulatedOutcome.Approved);

        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        Assert.Equal([500, 503, 200], Emulator.WebhookDeliveries.Select(d => d.StatusCode!.Value).ToArray());
        Assert.Equal([1, 2, 3], Emulator.WebhookDeliveries.Select(d => d.Attempt).ToArray());
        Assert.All(_receiver.Calls, c => Assert.Contains(id, c.Body, StringComparison.Ordinal));
        Assert.Equal(3, _receiver.Calls.Count);
    }

    [Fact]
    public async Task An_unreachable_receiver_is_retried_a_bounded_number_of_times()
    {
        Emulator.ConfigureWebhook(new Uri($"http://127.0.0.1:{ClosedPort()}/hook"), EmulatedWebhookAuthentication.None);
        await FinishedProcessAsync("id", EmulatedOutcome.Approved);

        await Emulator.WaitForWebhookAttemptsAsync(5, Patience); // IdCloudEmulatorOptions.WebhookMaxAttempts default

        var attempts = Emulator.WebhookDeliveries;
        Assert.Equal([1, 2, 3, 4, 5], attempts.Select(a => a.Attempt).ToArray());
        Assert.All(attempts, a => Assert.Null(a.StatusCode));
        Assert.All(attempts, a => Assert.False(string.IsNullOrEmpty(a.Error)));
        Assert.All(attempts, a => Assert.False(a.Succeeded));
    }

    [Fact]
    public async Task Deliver_twice_sends_each_notification_twice()
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None, deliverTwice: true);
        var id = await FinishedProcessAsync("id", EmulatedOutcome.Approved);

        await Emulator.WaitForWebhookDeliveriesAsync(2, Patience);

        Assert.Equal([1, 2], Emulator.WebhookDeliveries.Select(d => d.Copy).ToArray());
        var bodies = _receiver.Calls.Select(c => c.Body).ToArray();
        Assert.Equal(2, bodies.Length);
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Contains(id, bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_finished_process_is_notified()
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        var first = await FinishedProcessAsync("id", EmulatedOutcome.Approved);
        var second = await FinishedProcessAsync("idlive", EmulatedOutcome.LivenessFailed);

        await Emulator.WaitForWebhookDeliveriesAsync(2, Patience);

        Assert.Equal(new[] { first, second }.Order(), Emulator.WebhookDeliveries.Select(d => d.ProcessId).Order());
    }

    [Fact]
    public async Task A_disabled_webhook_sends_nothing_for_later_processes()
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        Emulator.DisableWebhook();
        var silent = await FinishedProcessAsync("id", EmulatedOutcome.Approved);
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        var notified = await FinishedProcessAsync("id", EmulatedOutcome.Approved);

        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        Assert.Equal(notified, Assert.Single(Emulator.WebhookDeliveries).ProcessId);
        Assert.DoesNotContain(_receiver.Calls, c => c.Body.Contains(silent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Waiting_for_deliveries_that_never_come_times_out_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => Emulator.WaitForWebhookDeliveriesAsync(1, TimeSpan.FromMilliseconds(50)));

        Assert.Contains("saw 0", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> FinishedProcessAsync(string flow, EmulatedOutcome outcome)
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody(flow))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(id, outcome);
        return id;
    }

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port; // closed again when disposed: connections are refused
    }
}
