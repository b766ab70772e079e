using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

/// <summary>The emulator's HTTP control API: what it answers, and its errors, over real HTTP.</summary>
public sealed class ControlApiTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ControlApiTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Info_lists_addresses_outcomes_and_routes()
    {
        var info = await _fixture.ControlAsync(HttpMethod.Get, string.Empty);

        Assert.Equal(_fixture.Emulator.IdentityBaseAddress, info.GetProperty("identityBaseAddress").GetString());
        Assert.Equal(_fixture.Emulator.IdentityBaseAddress, info.GetProperty("audience").GetString());
        Assert.Contains(info.GetProperty("outcomes").EnumerateArray(), o => o.GetString() == "BehaviourAlert");
        Assert.Contains(info.GetProperty("routes").EnumerateArray(), o => o.GetString() == "CreateProcess");
    }

    [Fact]
    public async Task Created_account_gets_tokens_and_can_be_locked_and_unlocked()
    {
        var account = await _fixture.ControlAsync(HttpMethod.Post, "/accounts", new { accountName = "ctl-acct" }, 201);
        var tenant = account.GetProperty("tenantId").GetString()!;
        Assert.Equal("ctl-acct@" + tenant + ".iam.acesso.io", account.GetProperty("issuer").GetString());
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", account.GetProperty("privateKeyPem").GetString(), StringComparison.Ordinal);
        var settings = _fixture.Emulator.With(
            ("IdCloud__ServiceAccount__AccountName", "ctl-acct"),
            ("IdCloud__ServiceAccount__PrivateKeyPath", null),
            ("IdCloud__ServiceAccount__PrivateKeyPem", account.GetProperty("privateKeyPem").GetString()));
        Assert.Equal(0, (await IdCloudCli.RunAsync(settings, "token")).ExitCode);

        await _fixture.ControlAsync(HttpMethod.Post, $"/accounts/{tenant}/ctl-acct/lock");
        var locked = await IdCloudCli.RunAsync(settings, "token");
        Assert.Equal(1, locked.ExitCode);
        Assert.Contains("code 1.2.18", locked.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", locked.All, StringComparison.Ordinal);

        await _fixture.ControlAsync(HttpMethod.Post, $"/accounts/{tenant}/ctl-acct/unlock");
        Assert.Equal(0, (await IdCloudCli.RunAsync(settings, "token")).ExitCode);
    }

    [Fact]
    public async Task Errors_say_what_is_wrong()
    {
        var unknownProcess = await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{Guid.NewGuid():D}/finish", new { outcome = "Approved" }, 404);
        Assert.Contains("no process", unknownProcess.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);

        var badOutcome = await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{Guid.NewGuid():D}/finish", new { outcome = "Maybe" }, 400);
        Assert.Contains("Approved, IdentityNegative", badOutcome.GetProperty("error").GetString(), StringComparison.Ordinal);

        var badRoute = await _fixture.ControlAsync(HttpMethod.Post, "/faults", new { route = "Nowhere", fault = "Abort" }, 400);
        Assert.Contains("GetProcess", badRoute.GetProperty("error").GetString(), StringComparison.Ordinal);

        var badFault = await _fixture.ControlAsync(HttpMethod.Post, "/faults", new { route = "GetProcess", fault = "Explode" }, 400);
        Assert.Contains("RateLimited", badFault.GetProperty("error").GetString(), StringComparison.Ordinal);

        var unknownCall = await _fixture.ControlAsync(HttpMethod.Get, "/nothing", expectedStatus: 404);
        Assert.Contains("docs/cli.md", unknownCall.GetProperty("error").GetString(), StringComparison.Ordinal);

        await _fixture.ControlAsync(HttpMethod.Delete, "/faults");
    }

    [Fact]
    public async Task Finishing_twice_is_a_conflict()
    {
        var created = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "process", "create", "--flow", "idlive", "--cpf", "73689290074", "--name", "Ana", "--json");
        using var json = System.Text.Json.JsonDocument.Parse(created.StandardOutput);
        var id = json.RootElement.GetProperty("id").GetString();
        var listed = await _fixture.ControlAsync(HttpMethod.Get, "/processes");
        Assert.Contains(listed.GetProperty("processIds").EnumerateArray(), p => p.GetString() == id);

        await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{id}/finish", new { outcome = "Inconclusive" });
        var again = await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{id}/finish", new { outcome = "Approved" }, 409);

        Assert.Contains("finishes once", again.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_tokens_makes_the_next_api_call_with_an_issued_token_a_401()
    {
        // docs/cli.md: "POST /_emulator/tokens/revoke | forgets every issued access token (next API call: 401)".
        // Called as a client in another language would: the token from `idcloud token`, the API over plain HTTP.
        var issued = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "token", "--show-token", "--json");
        Assert.True(issued.ExitCode == 0, issued.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(issued.StandardOutput);
        var token = json.RootElement.GetProperty("accessToken").GetString();
        var unknownProcess = $"{_fixture.Emulator.ProcessApiBaseAddress}/client/v1/process/{Guid.NewGuid():D}";

        using (var before = await GetWithBearerAsync(unknownProcess, token))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, before.StatusCode); // the token is good: the process is unknown
        }

        await _fixture.ControlAsync(HttpMethod.Post, "/tokens/revoke");

        using var after = await GetWithBearerAsync(unknownProcess, token);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Reset_drops_faults_the_webhook_and_the_date_skew()
    {
        // docs/cli.md: "POST /_emulator/reset | faults, logs, webhook and date skew back to defaults".
        using var receiver = new WebhookReceiver();
        await _fixture.ControlAsync(HttpMethod.Put, "/webhook", new { url = receiver.Url, authentication = new { mode = "none" } });
        await _fixture.ControlAsync(HttpMethod.Put, "/clock", new { dateSkewSeconds = 600 });
        await _fixture.ControlAsync(HttpMethod.Post, "/faults", new { route = "GetProcess", fault = "Status", status = 500, times = 5 }, 201);

        await _fixture.ControlAsync(HttpMethod.Post, "/reset");

        var info = await _fixture.ControlAsync(HttpMethod.Get, string.Empty);
        Assert.Equal(0, info.GetProperty("dateSkewSeconds").GetInt64());
        using (var answer = await _fixture.Control.GetAsync(_fixture.Emulator.IdentityBaseAddress + "/"))
        {
            Assert.InRange((answer.Headers.Date!.Value - DateTimeOffset.UtcNow).Duration().TotalSeconds, 0, 60);
        }

        var created = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "process", "create", "--flow", "idlive", "--cpf", "73689290074", "--name", "Ana", "--json");
        using var process = System.Text.Json.JsonDocument.Parse(created.StandardOutput);
        var id = process.RootElement.GetProperty("id").GetString()!;
        var read = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "process", "get", id);
        Assert.True(read.ExitCode == 0, "the injected 500s should be gone: " + read);

        await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{id}/finish", new { outcome = "Approved" });
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(receiver.Received);
        var deliveries = await _fixture.ControlAsync(HttpMethod.Get, "/webhook/deliveries");
        Assert.Empty(deliveries.GetProperty("deliveries").EnumerateArray());
    }

    [Fact]
    public async Task Deliver_twice_sends_each_finished_process_twice()
    {
        // docs/cli.md: PUT /_emulator/webhook with "deliverTwice" — Unico delivers at least once, so a receiver must
        // see the same notification twice without harm.
        using var receiver = new WebhookReceiver();
        await _fixture.ControlAsync(HttpMethod.Put, "/webhook", new { url = receiver.Url, authentication = new { mode = "basic", user = "u", password = "p" }, deliverTwice = true });
        try
        {
            var created = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "process", "create", "--flow", "idlive", "--cpf", "73689290074", "--name", "Ana", "--json");
            using var process = System.Text.Json.JsonDocument.Parse(created.StandardOutput);
            var id = process.RootElement.GetProperty("id").GetString()!;

            await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{id}/finish", new { outcome = "Expired" });

            var second = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(10));
            Assert.All(receiver.Received, r => Assert.Equal(second.Body, r.Body));
            Assert.Contains(id, second.Body, StringComparison.Ordinal);
            Assert.Contains("\"lastEvent\"", second.Body, StringComparison.Ordinal);
        }
        finally
        {
            await _fixture.ControlAsync(HttpMethod.Delete, "/webhook");
        }
    }

    private async Task<HttpResponseMessage> GetWithBearerAsync(string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await _fixture.Control.SendAsync(request);
    }

    [Fact]
    public async Task Date_skew_moves_only_the_date_header()
    {
        await _fixture.ControlAsync(HttpMethod.Put, "/clock", new { dateSkewSeconds = 3600 });
        try
        {
            using var response = await _fixture.Control.GetAsync(_fixture.Emulator.IdentityBaseAddress + "/");
            var date = response.Headers.Date!.Value;
            Assert.InRange((date - DateTimeOffset.UtcNow).TotalSeconds, 3500, 3700);

            // The emulator still judges assertions by its own clock: tokens are issued.
            Assert.Equal(0, (await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "token")).ExitCode);
        }
        finally
        {
            await _fixture.ControlAsync(HttpMethod.Put, "/clock", new { dateSkewSeconds = 0 });
        }
    }
}
