using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

/// <summary>The CLI reads the IdCloud settings from the same sources as an app: JSON file, user secrets, environment, named accounts.</summary>
public sealed class SettingsTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("idcloud-settings-tests-").FullName;

    public SettingsTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    private EmulatorProcess Emulator => _fixture.Emulator;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Json_settings_file()
    {
        var file = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(file, SectionJson("IdCloud"));

        var result = await IdCloudCli.RunAsync(null, "doctor", "--settings", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("JSON file " + file, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_overrides_the_json_file()
    {
        var file = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(file, SectionJson("IdCloud"));

        var result = await IdCloudCli.RunAsync(new Dictionary<string, string?> { ["IdCloud__ServiceAccount__TenantId"] = "has spaces in it" }, "doctor", "--settings", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[FAIL] tenant id", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_account()
    {
        var file = Path.Combine(_folder, "accounts.json");
        await File.WriteAllTextAsync(file, SectionJson("IdCloud", account: "shop"));

        var named = await IdCloudCli.RunAsync(null, "token", "--settings", file, "--account", "shop");
        var unknown = await IdCloudCli.RunAsync(null, "token", "--settings", file, "--account", "other");

        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("IdCloud:Accounts:other", unknown.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_secrets_of_an_app()
    {
        // dotnet user-secrets keeps secrets in ~/.microsoft/usersecrets/<id>/secrets.json; HOME points at a scratch folder.
        var home = Path.Combine(_folder, "home");
        var secrets = Path.Combine(home, ".microsoft", "usersecrets", "my-app-secrets");
        Directory.CreateDirectory(secrets);
        await File.WriteAllTextAsync(Path.Combine(secrets, "secrets.json"), SectionJson("IdCloud"));

        var result = await IdCloudCli.RunAsync(new Dictionary<string, string?> { ["HOME"] = home }, "doctor", "--user-secrets-id", "my-app-secrets");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("user secrets 'my-app-secrets'", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_broken_settings_file_exits_2()
    {
        var broken = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(broken, "{ not json");

        var missing = await IdCloudCli.RunAsync(null, "doctor", "--settings", Path.Combine(_folder, "none.json"));
        var invalid = await IdCloudCli.RunAsync(null, "doctor", "--settings", broken);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("could not be read as JSON", invalid.StandardError, StringComparison.Ordinal);
    }

    private string SectionJson(string section, string? account = null)
    {
        var body = $$"""
            "IdentityBaseAddress": "{{Emulator.IdentityBaseAddress}}",
            "ProcessApiBaseAddress": "{{Emulator.ProcessApiBaseAddress}}",
            "SignatureApiBaseAddress": "{{Emulator.SignatureApiBaseAddress}}",
            "ServiceAccount": { "AccountName": "{{Emulator.AccountName}}", "TenantId": "{{Emulator.TenantId}}", "PrivateKeyPath": "{{Emulator.PrivateKeyPath}}" }
            """;
        return account is null
            ? $$"""{ "{{section}}": { {{body}} } }"""
            : $$"""{ "{{section}}": { "Accounts": { "{{account}}": { {{body}} } } } }""";
    }
}
