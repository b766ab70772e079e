using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// Entry point. <c>--smoke</c> runs every benchmark once, in process (no generated project to build), and exits
/// non-zero if any failed: a CI check that the benchmarks still build, set up (each set-up checks both sides do the
/// same work) and run. Anything else goes to BenchmarkDotNet's own command line (<c>--filter</c>, <c>--job</c>, ...).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--loop")
        {
            return Infrastructure.InterleavedLoop.Run(
                args[1],
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15,
                args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200,
                args.Length > 4 && args[4].Length > 0 ? args[4] : null,
                args.Skip(5).ToArray());
        }

        var smoke = args.Contains("--smoke");
        args = args.Where(a => a != "--smoke").ToArray();

        // Without a filter BenchmarkDotNet asks on the console which benchmark to run; CI has no console to answer.
        if (!args.Contains("--filter") && !args.Contains("-f"))
        {
            args = [.. args, "--filter", "*"];
        }

        IConfig config = DefaultConfig.Instance;
        if (smoke)
        {
            config = config
                .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke"))
                .WithOptions(ConfigOptions.DisableLogFile);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        var failures = summaries.SelectMany(Failures).ToList();
        foreach (var failure in failures)
        {
            Console.Error.WriteLine("FAILED: " + failure);
        }

        if (summaries.Count == 0 || summaries.Sum(s => s.BenchmarksCases.Length) == 0)
        {
            Console.Error.WriteLine("FAILED: no benchmark ran (check the --filter).");
            return 1;
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Failures(Summary summary)
    {
        if (summary.HasCriticalValidationErrors)
        {
            foreach (var error in summary.ValidationErrors.Where(e => e.IsCritical))
            {
                yield return $"{summary.Title}: {error.Message}";
            }
        }

        foreach (var benchmark in summary.BenchmarksCases)
        {
            var report = summary[benchmark];
            if (report is null || !report.Success || report.AllMeasurements.Count == 0)
            {
                yield return $"{benchmark.DisplayInfo}: did not run successfully";
            }
        }
    }
}
