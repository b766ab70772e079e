using System.Security.Cryptography;
using System.Text.Json;
using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

/// <summary>
/// <c>idcloud doctor</c> against a running <c>idcloud emulator</c>: all green with the printed settings, then each
/// misconfiguration a user makes, checking that the failing check names the setting and says what to do, that the
/// exit code is non-zero, and that nothing secret is printed.
/// </summary>
public sealed class DoctorTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("idcloud-doctor-tests-").FullName;

    public DoctorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    private EmulatorProcess Emulator => _fixture.Emulator;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Passes_every_check_with_the_settings_the_emulator_printed()
    {
        var result = await IdCloudCli.RunAsync(Emulator.Environment, "doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("[FAIL]", result.StandardOutput, StringComparison.Ordinal);
        foreach (var check in new[] { "service account name", "tenant id", "private key: RSA 2048-bit", "hosts", "audience", "sdk validation", "clock", "token request" })
        {
            Assert.Contains("[ ok ] " + check, result.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("0 failed", result.StandardOutput, StringComparison.Ordinal);
        Secrets.AssertNone(result, Emulator.PrivateKeyPath);
    }

    [Fact]
    public async Task Json_report_lists_each_check()
    {
        var result = await IdCloudCli.RunAsync(Emulator.Environment, "doctor", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        var names = json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("clock", names);
        Assert.Contains("token request", names);
        Secrets.AssertNone(result, Emulator.PrivateKeyPath);
    }

    [Fact]
    public async Task Key_file_that_does_not_exist()
    {
        var missing = Path.Combine(_folder, "nope.key.pem");
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__PrivateKeyPath", missing)), "doctor");

        AssertFails(result, "private key", "IdCloud:ServiceAccount:PrivateKeyPath", "does not exist", "fix: Set IdCloud:ServiceAccount:PrivateKeyPath to the path of the .key.pem file");
        Assert.Contains("[skip] token request", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_file_that_is_not_a_pem_key()
    {
        var garbage = Path.Combine(_folder, "garbage.key.pem");
        await File.WriteAllTextAsync(garbage, "this is not a key");
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__PrivateKeyPath", garbage)), "doctor");

        AssertFails(result, "private key", "IdCloud:ServiceAccount:PrivateKeyPath", "PEM", "fix: Point IdCloud:ServiceAccount:PrivateKeyPath at the unencrypted PEM private key");
    }

    [Fact]
    public async Task Key_that_is_a_directory()
    {
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__PrivateKeyPath", _folder)), "doctor");

        AssertFails(result, "private key", "IdCloud:ServiceAccount:PrivateKeyPath", "is a directory", "fix: Set IdCloud:ServiceAccount:PrivateKeyPath to the .key.pem file itself");
    }

    [Fact]
    public async Task Rsa_1024_key()
    {
        var small = Path.Combine(_folder, "small.key.pem");
        using (var rsa = RSA.Create(1024))
        {
            await File.WriteAllTextAsync(small, rsa.ExportPkcs8PrivateKeyPem());
        }

        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__PrivateKeyPath", small)), "doctor");

        AssertFails(result, "private key", "IdCloud:ServiceAccount:PrivateKeyPath", "1024-bit", "fix: Ask Unico for new credentials with a 2048-bit RSA key");
        Secrets.AssertNone(result, small);
    }

    [Fact]
    public async Task Tenant_pasted_as_the_whole_issuer()
    {
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__TenantId", Emulator.AccountName + "@" + Emulator.TenantId + ".iam.acesso.io")), "doctor");

        AssertFails(result, "tenant id", "IdCloud:ServiceAccount:TenantId", "looks like a whole issuer", "fix: Set IdCloud:ServiceAccount:TenantId to the part between '@' and '.iam.acesso.io' only");
    }

    [Fact]
    public async Task Tenant_with_spaces()
    {
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__TenantId", "Acme Bank S.A.")), "doctor");

        AssertFails(result, "tenant id", "IdCloud:ServiceAccount:TenantId", "not a tenant id", "fix: Set IdCloud:ServiceAccount:TenantId to the tenant id of the payload");
    }

    [Fact]
    public async Task Uat_and_production_hosts_mixed()
    {
        var result = await IdCloudCli.RunAsync(
            Emulator.With(
                ("IdCloud__IdentityBaseAddress", "https://identity.acesso.io"),
                ("IdCloud__ProcessApiBaseAddress", "https://api.cadastro.uat.unico.app"),
                ("IdCloud__SignatureApiBaseAddress", "https://signhom.acesso.io")),
            "doctor");

        AssertFails(result, "hosts", "IdCloud:IdentityBaseAddress = identity.acesso.io", "UAT and production hosts are mixed", "fix: Use the hosts of one environment: set IdCloud:Environment to Uat or Production");
        Assert.Contains("[skip] clock", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_environment_with_uat_overrides()
    {
        var result = await IdCloudCli.RunAsync(
            Emulator.With(
                ("IdCloud__Environment", "Production"),
                ("IdCloud__IdentityBaseAddress", "https://identityhomolog.acesso.io"),
                ("IdCloud__ProcessApiBaseAddress", null),
                ("IdCloud__SignatureApiBaseAddress", null)),
            "doctor");

        AssertFails(result, "hosts", "preset of IdCloud:Environment = Production", "UAT and production hosts are mixed", "fix: Use the hosts of one environment");
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("7")]
    public async Task Unknown_environment(string value)
    {
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__Environment", value)), "doctor");

        AssertFails(result, "environment", "IdCloud:Environment is '" + value + "'", "IdCloud:Environment", "fix: Set IdCloud:Environment to Uat or Production");
    }

    [Fact]
    public async Task Identity_address_with_a_path_and_trailing_slash()
    {
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__IdentityBaseAddress", Emulator.IdentityBaseAddress + "/oauth2/")), "doctor");

        AssertFails(result, "audience", "IdCloud:IdentityBaseAddress", "Unico requires exactly '" + Emulator.IdentityBaseAddress + "'", "fix: Set IdCloud:IdentityBaseAddress to " + Emulator.IdentityBaseAddress + " (no path, no trailing slash)");
    }

    [Fact]
    public async Task Identity_address_with_only_a_trailing_slash_warns_because_the_sdk_drops_it()
    {
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__IdentityBaseAddress", Emulator.IdentityBaseAddress + "/")), "doctor");

        // The SDK trims the slash from aud, so the token request works: a warning, not a failure.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[warn] audience: IdCloud:IdentityBaseAddress ends with '/'", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("fix: Write IdCloud:IdentityBaseAddress as " + Emulator.IdentityBaseAddress + " (no trailing slash)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[ ok ] token request", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_clock_far_from_the_identity_servers_date()
    {
        await _fixture.ControlAsync(HttpMethod.Put, "/clock", new { dateSkewSeconds = -600 });
        try
        {
            var result = await IdCloudCli.RunAsync(Emulator.Environment, "doctor");

            AssertFails(result, "clock", "this machine's clock", "s ahead of the identity server", "fix: Synchronise this machine's clock with NTP");

            // HTTP dates have whole seconds and the request takes time: about 600 s, give or take a few.
            Assert.Matches(@"clock is (59\d|60\d) s ahead", result.StandardOutput);
        }
        finally
        {
            await _fixture.ControlAsync(HttpMethod.Put, "/clock", new { dateSkewSeconds = 0 });
        }
    }

    [Fact]
    public async Task Local_clock_a_little_off_warns_and_still_exits_0()
    {
        // docs/cli.md: the clock check fails above 30 s and "warns above 5 s"; exit 0 = "every check passed,
        // warnings allowed". 15 s is inside the warning band with room for whole-second HTTP dates.
        await _fixture.ControlAsync(HttpMethod.Put, "/clock", new { dateSkewSeconds = 15 });
        try
        {
            var result = await IdCloudCli.RunAsync(Emulator.Environment, "doctor");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"\[warn\] clock: this machine's clock is 1\d s behind the identity server", result.StandardOutput);
            Assert.Contains("[ ok ] token request", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            await _fixture.ControlAsync(HttpMethod.Put, "/clock", new { dateSkewSeconds = 0 });
        }
    }

    [Fact]
    public async Task Token_rejected_for_a_tenant_the_identity_service_does_not_know()
    {
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__TenantId", Guid.NewGuid().ToString("D"))), "doctor");

        AssertFails(result, "token request", "code 1.0.1", "`idcloud explain 1.0.1`", "fix: The tenant id in the assertion's issuer is wrong. Check IdCloud:ServiceAccount:TenantId");
    }

    [Fact]
    public async Task Token_rejected_when_the_key_belongs_to_another_account()
    {
        var other = await _fixture.ControlAsync(HttpMethod.Post, "/accounts", new { tenantId = Emulator.TenantId }, 201);
        var otherKey = Path.Combine(_folder, "other.key.pem");
        await File.WriteAllTextAsync(otherKey, other.GetProperty("privateKeyPem").GetString());

        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__PrivateKeyPath", otherKey)), "doctor");

        AssertFails(result, "token request", "code 1.2.5", "refused the token request", "fix: The assertion could not be validated");
        Secrets.AssertNone(result, otherKey);
    }

    [Fact]
    public async Task Missing_settings_name_each_environment_variable()
    {
        var result = await IdCloudCli.RunAsync(Emulator.With(("IdCloud__ServiceAccount__AccountName", null), ("IdCloud__ServiceAccount__PrivateKeyPath", null)), "doctor");

        AssertFails(result, "service account name", "IdCloud:ServiceAccount:AccountName", "is not set", "IdCloud__ServiceAccount__AccountName");
        Assert.Contains("[FAIL] private key: IdCloud:ServiceAccount:PrivateKeyPath is not set", result.StandardOutput, StringComparison.Ordinal);
    }

    private void AssertFails(CliResult result, string check, string setting, string finding, string fix)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        var line = result.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("[FAIL] " + check + ":", StringComparison.Ordinal));
        Assert.True(line is not null, $"no failed '{check}' check:\n{result}");
        var block = result.StandardOutput[result.StandardOutput.IndexOf(line, StringComparison.Ordinal)..];
        block = string.Join('\n', block.Split('\n').Take(2));
        Assert.Contains(setting, block, StringComparison.Ordinal);
        Assert.Contains(finding, block, StringComparison.Ordinal);
        Assert.Contains(fix, block, StringComparison.Ordinal);
        Secrets.AssertNone(result, Emulator.PrivateKeyPath);
    }
}
