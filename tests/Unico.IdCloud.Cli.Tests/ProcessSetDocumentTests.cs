using System.Text.Json;
using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

/// <summary>
/// A process created without the person's document (custom flows, facts §7 "Set Process Document") through the CLI:
/// <c>process create</c> without <c>--cpf</c>, <c>process wait</c> stops at once, <c>process set-document</c> sends it.
/// </summary>
public sealed class ProcessSetDocumentTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ProcessSetDocumentTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    private IReadOnlyDictionary<string, string?> Settings => _fixture.Emulator.Environment;

    [Fact]
    public async Task Create_without_a_cpf_then_wait_stops_then_set_document_lets_the_process_finish()
    {
        var created = await IdCloudCli.RunAsync(Settings, "process", "create", "--flow", "id", "--name", "Ana Souza", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var createdJson = JsonDocument.Parse(created.StandardOutput);
        var id = createdJson.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("PROCESS_STATE_AWAITING_FOR_DOCUMENT", createdJson.RootElement.GetProperty("state").GetString());

        // No wait can finish it: exit 1 after the first read, long before the 60 s timeout, saying what to do.
        var waited = await IdCloudCli.RunAsync(Settings, "process", "wait", id, "--timeout", "60", "--max-interval", "1");
        Assert.Equal(1, waited.ExitCode);
        Assert.Contains("kind FailedPrecondition", waited.StandardError, StringComparison.Ordinal);
        Assert.Contains("PROCESS_STATE_AWAITING_FOR_DOCUMENT", waited.StandardError, StringComparison.Ordinal);

        var set = await IdCloudCli.RunAsync(Settings, "process", "set-document", id, "--cpf", "736.892.900-74");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("document:    DUI_TYPE_BR_CPF 736.***.***-74", set.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("73689290074", set.All, StringComparison.Ordinal);

        var got = await IdCloudCli.RunAsync(Settings, "process", "get", id, "--json");
        Assert.Equal(0, got.ExitCode);
        using var gotJson = JsonDocument.Parse(got.StandardOutput);
        Assert.Equal("PROCESS_STATE_CREATED", gotJson.RootElement.GetProperty("state").GetString());
        Assert.Equal("736.***.***-74", gotJson.RootElement.GetProperty("person").GetProperty("duiValue").GetString());

        // Once set it cannot change: the API's 400 reaches the user as a failure, not a crash.
        var again = await IdCloudCli.RunAsync(Settings, "process", "set-document", id, "--dui-type", "DUI_TYPE_MX_CURP", "--dui-value", "GODE561231HDFRRN09", "--json");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("HTTP 400", again.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", again.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cpf", "12345678900")]
    [InlineData("--dui-type", "DUI_TYPE_MX_CURP")]
    [InlineData("--dui-value", "GODE561231HDFRRN09")]
    public async Task Unusable_input_is_refused_with_exit_2_before_anything_is_sent(string option, string value)
    {
        var result = await IdCloudCli.RunAsync(Settings, "process", "set-document", Guid.NewGuid().ToString("D"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_a_cpf_nor_a_document_is_refused_with_exit_2()
    {
        var result = await IdCloudCli.RunAsync(Settings, "process", "set-document", Guid.NewGuid().ToString("D"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("either --cpf, or --dui-type with --dui-value", result.StandardError, StringComparison.Ordinal);
    }
}
