using System.Diagnostics;
using System.Reflection;

namespace Unico.IdCloud.Cli.Tests.Infrastructure;

/// <summary>Runs the built CLI as a separate process: <c>dotnet &lt;repo&gt;/src/Unico.IdCloud.Cli/bin/&lt;config&gt;/net10.0/idcloud.dll ...</c>.</summary>
public static class IdCloudCli
{
    private static readonly Lazy<string> DllPath = new(Locate);

    public static string Dll => DllPath.Value;

    /// <summary>A process start for the CLI with a clean environment: no IdCloud__ variables leak in from the runner.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("IdCloud", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"idcloud {string.Join(' ', args)} did not finish in 90 s.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var configuration = typeof(IdCloudCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Unico.IdCloud.Client.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("The repository root (Unico.IdCloud.Client.sln) was not found above " + AppContext.BaseDirectory);
        }

        var dll = Path.Combine(directory.FullName, "src", "Unico.IdCloud.Cli", "bin", configuration, "net10.0", "idcloud.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Unico.IdCloud.Cli first (the test project references it).", dll);
    }
}
