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
