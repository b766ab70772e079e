using System.Text;
using System.Text.Json;
using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

/// <summary>
/// <c>idcloud webhook send</c> with each of Unico's authentication modes, and the emulator's control API delivering
/// real notifications, both to a real HTTP receiver.
/// </summary>
public sealed class WebhookTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public WebhookTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("--basic", "unico:s3cr3t-pass", "Authorization", "Basic dW5pY286czNjcjN0LXBhc3M=", "s3cr3t-pass")]
    [InlineData("--api-key", "X-API-Key:abc123-key", "X-API-Key", "abc123-key", "abc123-key")]
    [InlineData("--api-key", "Authorization:Bearer abc123-tok", "Authorization", "Bearer abc123-tok", "abc123-tok")]
    [InlineData("--api-key", "raw-value-777", "Authorization", "raw-value-777", "raw-value-777")]
    [InlineData("--authorization", "Token zzz-999", "Authorization", "Token zzz-999", "zzz-999")]
    [InlineData("--bearer", "bearer-tok-555", "Authorization", "Bearer bearer-tok-555", "bearer-tok-555")]
    public async Task Send_delivers_with_each_authentication_mode_and_never_prints_the_secret(string option, string value, string header, string expected, string secret)
    {
        using var receiver = new WebhookReceiver();
        var processId = Guid.NewGuid().ToString("D");

        var result = await IdCloudCli.RunAsync(null, "webhook", "send", receiver.Url, option, value, "--process-id", processId);

        Assert.True(result.ExitCode == 0, result.ToString());
        var received = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(5));
        Assert.Equal("POST", received.Method);
        Assert.Equal(expected, received.Header(header));
        Assert.StartsWith("application/json", received.Header("Content-Type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(processId, body.RootElement.GetProperty("processId").GetString());
        Assert.Equal("PROCESS_STATE_FINISHED", body.RootElement.GetProperty("state").GetString());
        Assert.Contains("HTTP 200", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)), result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_from_an_environment_variable()
    {
        using var receiver = new WebhookReceiver();

        var result = await IdCloudCli.RunAsync(new Dictionary<string, string?> { ["HOOK_KEY"] = "X-Api-Key:from-env-1" }, "webhook", "send", receiver.Url, "--api-key", "env:HOOK_KEY", "--expired", "--json");

        Assert.Equal(0, result.ExitCode);
        var received = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(5));
        Assert.Equal("from-env-1", received.Header("X-Api-Key"));
        Assert.Contains("\"lastEvent\"", received.Body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.True(json.RootElement.GetProperty("delivered").GetBoolean());
        Assert.Equal("api-key", json.RootElement.GetProperty("authentication").GetString());
    }

    [Fact]
    public async Task A_receiver_that_refuses_makes_send_exit_1()
    {
        using var receiver = new WebhookReceiver(status: 401);

        var result = await IdCloudCli.RunAsync(null, "webhook", "send", receiver.Url, "--bearer", "wrong");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HTTP 401", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("NOT delivered", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(202)]
    [InlineData(204)]
    public async Task Any_2xx_counts_as_delivered_and_exits_0(int status)
    {
        // docs/cli.md: "Exit 0 on any 2xx (what Unico counts as delivered)". The SDK's own receiver answers 202.
        using var receiver = new WebhookReceiver(status);

        var result = await IdCloudCli.RunAsync(null, "webhook", "send", receiver.Url, "--api-key", "X-API-Key:k", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
        Assert.True(json.RootElement.GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task An_unreachable_receiver_exits_1_and_json_still_carries_one_document()
    {
        // docs/cli.md: exit 1 when "a webhook was not accepted"; with --json, standard output carries exactly one
        // JSON document. Nothing listens on a port this test keeps bound without listening: a port merely released
        // could be taken meanwhile by a receiver of a test class running alongside, which would then answer.
        using var holder = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        holder.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)holder.LocalEndPoint!).Port;

        var result = await IdCloudCli.RunAsync(null, "webhook", "send", $"http://127.0.0.1:{port}/webhooks/idcloud", "--basic", "u:p", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("status").ValueKind);
        Assert.False(json.RootElement.GetProperty("delivered").GetBoolean());
        Assert.Contains("could not be reached", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_named_by_an_unset_environment_variable_exits_2_without_sending()
    {
        // docs/cli.md: exit 2 = "the input is wrong"; env:NAME reads the secret from NAME.
        using var receiver = new WebhookReceiver();

        var result = await IdCloudCli.RunAsync(null, "webhook", "send", receiver.Url, "--bearer", "env:IDCLOUD_TEST_UNSET_HOOK_TOKEN");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("IDCLOUD_TEST_UNSET_HOOK_TOKEN", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Two_modes_at_once_or_a_bad_url_exit_2()
    {
        Assert.Equal(2, (await IdCloudCli.RunAsync(null, "webhook", "send", "http://127.0.0.1:9/x", "--bearer", "a", "--basic", "u:p")).ExitCode);
        Assert.Equal(2, (await IdCloudCli.RunAsync(null, "webhook", "send", "not a url")).ExitCode);
    }

    [Theory]
    [InlineData("basic", "Authorization", "Basic dTpw")]
    [InlineData("apiKey", "X-Api-Key", "k-1")]
    [InlineData("bearer", "Authorization", "Bearer t-1")]
    [InlineData("authorization", "Authorization", "raw-1")]
    public async Task Emulator_delivers_a_finished_process_to_a_receiver_with_credentials(string mode, string header, string expected)
    {
        using var receiver = new WebhookReceiver();
        object authentication = mode switch
        {
            "basic" => new { mode, user = "u", password = "p" },
            "apiKey" => new { mode, value = "X-Api-Key:k-1" },
            "bearer" => new { mode, token = "t-1" },
            _ => new { mode, value = "raw-1" },
        };
        await _fixture.ControlAsync(HttpMethod.Put, "/webhook", new { url = receiver.Url, authentication });
        try
        {
            var created = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "process", "create", "--flow", "idlive", "--cpf", "73689290074", "--name", "Ana", "--json");
            using var process = JsonDocument.Parse(created.StandardOutput);
            var id = process.RootElement.GetProperty("id").GetString()!;

            await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{id}/finish", new { outcome = "Approved" });

            var received = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(10));
            Assert.Equal(expected, received.Header(header));
            Assert.Contains(id, received.Body, StringComparison.Ordinal);

            // The emulator logs the attempt once the receiver's answer is back, a moment after the receiver saw it.
            var logged = false;
            for (var i = 0; i < 100 && !logged; i++)
            {
                var deliveries = await _fixture.ControlAsync(HttpMethod.Get, "/webhook/deliveries");
                logged = deliveries.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("processId").GetString() == id && d.GetProperty("succeeded").GetBoolean());
                if (!logged)
                {
                    await Task.Delay(50);
                }
            }

            Assert.True(logged, "the control API's delivery log has no successful delivery for " + id);
        }
        finally
        {
            await _fixture.ControlAsync(HttpMethod.Delete, "/webhook");
        }
    }
}
