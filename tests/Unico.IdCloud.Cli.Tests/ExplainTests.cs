using System.Text.Json;
using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

public sealed class ExplainTests
{
    [Theory]
    [InlineData("1.2.18", "token endpoint", "locked")]
    [InlineData("1.2.5", "token endpoint", "no trailing slash")]
    [InlineData("3", "by Unico process API", "InvalidArgument")]
    [InlineData("99999", "by Unico process API", "clientReference")]
    [InlineData("20507", "by Client API", "CPF")]
    [InlineData("10508", "by Client API", "single use")]
    public async Task Explains_a_documented_code_of_each_api(string code, string api, string expected)
    {
        var result = await IdCloudCli.RunAsync(null, "explain", code);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(code + "  (" + api, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("means:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("do:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(expected, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_carries_meaning_action_and_status()
    {
        var result = await IdCloudCli.RunAsync(null, "explain", "1.2.7", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("1.2.7", json.RootElement.GetProperty("code").GetString());
        Assert.Equal(401, json.RootElement.GetProperty("httpStatus").GetInt32());
        Assert.True(json.RootElement.GetProperty("retryable").GetBoolean());
        Assert.Contains("single-use", json.RootElement.GetProperty("meaning").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_code_lists_every_code_of_the_three_apis()
    {
        var result = await IdCloudCli.RunAsync(null, "explain", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var codes = json.RootElement.EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        foreach (var code in new[] { "1.0.1", "1.0.14", "1.1.1", "1.2.4", "1.2.5", "1.2.6", "1.2.7", "1.2.11", "1.2.14", "1.2.18", "1.2.19", "1.2.20", "1.2.21", "1.2.22", "3", "5", "7", "9", "99999", "20001", "20002", "10501", "10502", "30017" })
        {
            Assert.Contains(code, codes);
        }

        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public async Task An_undocumented_code_exits_2_and_says_how_codes_look()
    {
        var result = await IdCloudCli.RunAsync(null, "explain", "1.9.99");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a code Unico documents", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput.Trim());
    }
}
