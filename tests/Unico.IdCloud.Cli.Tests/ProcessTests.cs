using System.Security.Cryptography;
using System.Text.Json;
using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

/// <summary>The <c>process</c> commands against <c>idcloud emulator</c>, the outcome scripted over its control API.</summary>
public sealed class ProcessTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("idcloud-process-tests-").FullName;

    public ProcessTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    private IReadOnlyDictionary<string, string?> Settings => _fixture.Emulator.Environment;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Create_wait_get_interpret_download_an_e_signature_process()
    {
        var pdf = Path.Combine(_folder, "contract.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

        var created = await IdCloudCli.RunAsync(Settings, "process", "create", "--flow", "idunicosign", "--cpf", "73689290074", "--name", "Ana Souza", "--email", "ana@example.com", "--pdf", pdf, "--client-reference", "order-1", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var createdJson = JsonDocument.Parse(created.StandardOutput);
        var id = createdJson.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("PROCESS_STATE_CREATED", createdJson.RootElement.GetProperty("state").GetString());
        Assert.Equal("Pending", createdJson.RootElement.GetProperty("interpretation").GetProperty("outcome").GetString());
        Assert.Equal("736.***.***-74", createdJson.RootElement.GetProperty("person").GetProperty("duiValue").GetString());
        Assert.DoesNotContain("73689290074", created.All, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@example.com", created.All, StringComparison.Ordinal);

        // wait starts first and sees the process finish while it polls.
        var waiting = IdCloudCli.RunAsync(Settings, "process", "wait", id, "--timeout", "60", "--max-interval", "1");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{id}/finish", new { outcome = "Approved" });
        var waited = await waiting;
        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.Contains("state:       PROCESS_STATE_FINISHED", waited.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("outcome:     Approved", waited.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("waiting for " + id, waited.StandardError, StringComparison.Ordinal);

        var got = await IdCloudCli.RunAsync(Settings, "process", "get", id);
        Assert.Equal(0, got.ExitCode);
        Assert.Contains("result:      PROCESS_RESULT_OK", got.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("reference:   order-1", got.StandardOutput, StringComparison.Ordinal);

        var interpreted = await IdCloudCli.RunAsync(Settings, "process", "interpret", id);
        Assert.Equal(0, interpreted.ExitCode);
        Assert.StartsWith("outcome:     Approved", interpreted.StandardOutput, StringComparison.Ordinal);

        var output = Path.Combine(_folder, "artifacts");
        var downloaded = await IdCloudCli.RunAsync(Settings, "process", "download", id, "--output", output, "--json");
        Assert.True(downloaded.ExitCode == 0, downloaded.ToString());
        using var manifest = JsonDocument.Parse(downloaded.StandardOutput);
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["Selfie", "EvidenceSet", "SignedDocument", "SignatureEvidence"], files.Select(f => f.GetProperty("artifact").GetString()).ToList());
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(output, file.GetProperty("fileName").GetString()!));
            Assert.Equal(file.GetProperty("size").GetInt64(), bytes.Length);
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
        foreach (var result in new[] { created, waited, got, interpreted, downloaded })
        {
            Secrets.AssertNone(result, _fixture.Emulator.PrivateKeyPath);
        }
    }

    [Theory]
    [InlineData("IdentityNegative", "Denied")]
    [InlineData("Expired", "Expired")]
    [InlineData("LivenessFailed", "Denied")]
    public async Task Interpret_exits_1_for_anything_but_approved(string outcome, string expected)
    {
        var id = await CreateAsync();
        await _fixture.ControlAsync(HttpMethod.Post, $"/processes/{id}/finish", new { outcome });

        var result = await IdCloudCli.RunAsync(Settings, "process", "interpret", id, "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(expected, json.RootElement.GetProperty("interpretation").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Wait_gives_up_at_its_timeout_with_exit_1()
    {
        var id = await CreateAsync();

        var result = await IdCloudCli.RunAsync(Settings, "process", "wait", id, "--timeout", "2", "--max-interval", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did not finish within 2 s", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_an_unknown_process_with_json_exits_1_and_leaves_standard_output_empty()
    {
        // docs/cli.md: with --json, a command that ends in an error writes no document; standard error says why.
        var result = await IdCloudCli.RunAsync(Settings, "process", "get", Guid.NewGuid().ToString("D"), "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput.Trim());
        Assert.Contains("HTTP 404", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_an_unknown_process_exits_1_with_http_404_even_when_the_answer_has_no_body()
    {
        // The emulator answers GetProcess's 404 with "only the HTTP status code", as the vendor documents; the CLI must
        // still say what happened (the API-code path is covered by the injected 403 below).
        var result = await IdCloudCli.RunAsync(Settings, "process", "get", Guid.NewGuid().ToString("D"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HTTP 404", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("GetProcess failed", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_injected_over_the_control_api_reaches_the_cli()
    {
        var id = await CreateAsync();
        await _fixture.ControlAsync(HttpMethod.Post, "/faults", new { route = "GetProcess", fault = "Status", status = 403, body = """{"error":{"code":"7","description":"no permission"}}""" }, 201);

        var result = await IdCloudCli.RunAsync(Settings, "process", "get", id);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HTTP 403", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("code 7", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_invalid_input_is_refused_before_sending_with_exit_2()
    {
        var before = (await _fixture.ControlAsync(HttpMethod.Get, string.Empty)).GetProperty("processCount").GetInt32();

        var result = await IdCloudCli.RunAsync(Settings, "process", "create", "--flow", "idlive", "--cpf", "12345678900", "--name", "Ana");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("person.duiValue", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, (await _fixture.ControlAsync(HttpMethod.Get, string.Empty)).GetProperty("processCount").GetInt32());
    }

    private async Task<string> CreateAsync()
    {
        var created = await IdCloudCli.RunAsync(Settings, "process", "create", "--flow", "idlive", "--cpf", "73689290074", "--name", "Ana Souza", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.StandardOutput);
        return json.RootElement.GetProperty("id").GetString()!;
    }
}
