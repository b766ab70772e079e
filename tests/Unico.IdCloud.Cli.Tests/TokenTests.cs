using System.Text.Json;
using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

public sealed class TokenTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public TokenTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Prints_type_expiry_and_claims_but_never_the_token()
    {
        var result = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "token", "--decode");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("token type:  Bearer", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("expires on:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("scope = *", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("the token itself is not shown", result.StandardOutput, StringComparison.Ordinal);
        Secrets.AssertNone(result, _fixture.Emulator.PrivateKeyPath);
    }

    [Fact]
    public async Task Json_without_show_token_has_no_token()
    {
        var result = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "token", "--decode", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("Bearer", json.RootElement.GetProperty("tokenType").GetString());
        Assert.InRange(json.RootElement.GetProperty("expiresInSeconds").GetInt64(), 3000, 3600);
        Assert.Equal("*", json.RootElement.GetProperty("claims").GetProperty("scope").GetString());
        Assert.False(json.RootElement.TryGetProperty("accessToken", out _));
        Secrets.AssertNone(result, _fixture.Emulator.PrivateKeyPath);
    }

    [Fact]
    public async Task Show_token_prints_the_jwt_only_when_asked()
    {
        var result = await IdCloudCli.RunAsync(_fixture.Emulator.Environment, "token", "--show-token", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var token = json.RootElement.GetProperty("accessToken").GetString()!;
        Assert.Equal(3, token.Split('.').Length);
        Assert.StartsWith("eyJ", token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_request_exits_1_with_the_code_and_the_fix()
    {
        var result = await IdCloudCli.RunAsync(_fixture.Emulator.With(("IdCloud__ServiceAccount__AccountName", "nobody")), "token");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("code 1.2.5", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("fix:", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("idcloud explain 1.2.5", result.StandardError, StringComparison.Ordinal);
        Secrets.AssertNone(result, _fixture.Emulator.PrivateKeyPath);
    }

    [Fact]
    public async Task Invalid_settings_exit_2_naming_the_key()
    {
        var result = await IdCloudCli.RunAsync(_fixture.Emulator.With(("IdCloud__ServiceAccount__TenantId", null)), "token");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("IdCloud:ServiceAccount:TenantId", result.StandardError, StringComparison.Ordinal);
    }
}
