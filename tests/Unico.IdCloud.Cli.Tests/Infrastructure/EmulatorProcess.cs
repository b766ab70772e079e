using System.Diagnostics;
using System.Text.Json;

namespace Unico.IdCloud.Cli.Tests.Infrastructure;

/// <summary>
/// <c>idcloud emulator --json</c> running as its own process: the first line of its output says where it listens and
/// which account is ready. Stopped with SIGTERM, as a user's CI would.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _rest;

    private EmulatorProcess(Process process, JsonElement ready, Task<string> rest)
    {
        _process = process;
        _rest = rest;
        Ready = ready;
        IdentityBaseAddress = ready.GetProperty("identityBaseAddress").GetString()!;
        ProcessApiBaseAddress = ready.GetProperty("processApiBaseAddress").GetString()!;
        SignatureApiBaseAddress = ready.GetProperty("signatureApiBaseAddress").GetString()!;
        ControlBaseAddress = ready.GetProperty("controlBaseAddress").GetString()!;
        AccountName = ready.GetProperty("accountName").GetString()!;
        TenantId = ready.GetProperty("tenantId").GetString()!;
        PrivateKeyPath = ready.GetProperty("privateKeyPath").GetString()!;
        Environment = ready.GetProperty("environment").EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.GetString());
    }

    public JsonElement Ready { get; }

    public string IdentityBaseAddress { get; }

    public string ProcessApiBaseAddress { get; }

    public string SignatureApiBaseAddress { get; }

    public string ControlBaseAddress { get; }

    public string AccountName { get; }

    public string TenantId { get; }

    public string PrivateKeyPath { get; }

    /// <summary>The settings it printed, as environment variables (IdCloud__...).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    public int ProcessId => _process.Id;

    public static async Task<EmulatorProcess> StartAsync(params string[] extraArgs)
    {
        var process = Process.Start(IdCloudCli.StartInfo(["emulator", "--json", .. extraArgs]))!;
        process.StandardInput.Close();
        var lineTask = process.StandardOutput.ReadLineAsync();
        var finished = await Task.WhenAny(lineTask, Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != lineTask || await lineTask is not { Length: > 0 } line)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("idcloud emulator printed nothing: " + await process.StandardError.ReadToEndAsync());
        }

        using var document = JsonDocument.Parse(line);
        return new EmulatorProcess(process, document.RootElement.Clone(), process.StandardOutput.ReadToEndAsync());
    }

    /// <summary>The settings plus (or minus, with a null value) some overrides.</summary>
    public Dictionary<string, string?> With(params (string Key, string? Value)[] overrides)
    {
        var environment = new Dictionary<string, string?>(Environment);
        foreach (var (key, value) in overrides)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Sends SIGTERM and waits for a clean exit; returns the exit code and what it wrote to stderr.</summary>
    public async Task<(int ExitCode, string StandardError)> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }

        await _rest;
        return (_process.ExitCode, await _process.StandardError.ReadToEndAsync());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
