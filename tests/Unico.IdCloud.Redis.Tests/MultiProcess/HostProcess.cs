using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading.Channels;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Redis.Tests.MultiProcess;

/// <summary>
/// One application instance as a separate OS process: <c>dotnet Unico.IdCloud.Redis.TestHost.dll &lt;mode&gt;</c>,
/// configured through environment variables, driven through stdin and read through stdout. Killed on dispose.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly string HostAssembly = typeof(HostProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TestHostAssembly").Value!;

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<string> _allLines = new();
    private readonly StringBuilder _errors = new();

    private HostProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Everything the instance wrote to stdout so far.</summary>
    public IReadOnlyList<string> Output => _allLines.ToArray();

    /// <summary>What the instance logged (warnings and errors), for failure messages.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public static HostProcess Start(string mode, IdCloudEmulator emulator, EmulatedServiceAccount account, string redis, string keyPrefix, string keyRing, IDictionary<string, string>? extra = null)
    {
        if (!File.Exists(HostAssembly))
        {
            throw new InvalidOperationException($"The test host was not built: {HostAssembly}");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly);
        start.ArgumentList.Add(mode);
        start.Environment["EMU_IDENTITY"] = emulator.IdentityBaseAddress.ToString();
        start.Environment["EMU_PROCESS"] = emulator.ProcessApiBaseAddress.ToString();
        start.Environment["EMU_SIGNATURE"] = emulator.SignatureApiBaseAddress.ToString();
        start.Environment["ACCOUNT_NAME"] = account.AccountName;
        start.Environment["TENANT_ID"] = account.TenantId;
        start.Environment["PRIVATE_KEY_PEM"] = account.PrivateKeyPem;
        start.Environment["REDIS"] = redis;
        start.Environment["KEY_PREFIX"] = keyPrefix;
        start.Environment["KEY_RING"] = keyRing;
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                host._lines.Writer.TryComplete();
                return;
            }

            host._allLines.Enqueue(e.Data);
            host._lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (host._errors)
                {
                    host._errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for the next stdout line starting with <paramref name="prefix"/> (earlier lines are skipped).</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"Instance {Id} wrote no '{prefix}' line within {timeout}. Output: {string.Join(" | ", Output)} Errors: {Errors}");
        }
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Kills the instance at once, as a crash or an OOM kill would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    /// <summary>Parses <c>result ok=1 failed=0 throttled=0 failures=...</c>.</summary>
    public static (int Ok, int Failed, int Throttled, string Failures) ParseResult(string line)
    {
        var parts = line.Split(' ', 5);
        int Value(int index) => int.Parse(parts[index][(parts[index].IndexOf('=') + 1)..]);
        return (Value(1), Value(2), Value(3), parts.Length > 4 ? parts[4] : "");
    }
}
