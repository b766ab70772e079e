using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>
/// <c>--loop ClassName [rounds] [invocations] [row] [Param=value ...]</c>: runs every <c>[Benchmark]</c> method (or only
/// those whose description contains <c>row</c>, to profile one row alone; <c>""</c> for all) of one benchmark class, with
/// its <c>[Params]</c> properties set as given (e.g. <c>Callers=64</c>; otherwise their defaults), in one
/// process, interleaved (each round rotates through the rows, so drift in machine load hits all rows alike), and prints
/// per row the median of the rounds' medians and the percentiles of all invocations (µs per operation). A diagnostic
/// beside BenchmarkDotNet for rows whose BenchmarkDotNet StdDev is as large as their difference.
/// </summary>
internal static class InterleavedLoop
{
    public static int Run(string className, int rounds, int invocations, string? onlyRow = null, IReadOnlyList<string>? parameters = null)
    {
        var type = typeof(Program).Assembly.GetTypes().Single(t => t.Name == className);
        var instance = Activator.CreateInstance(type)!;
        foreach (var assignment in parameters ?? [])
        {
            // The same values BenchmarkDotNet would set from [Params], before the set-up reads them.
            var parts = assignment.Split('=', 2);
            var property = type.GetProperty(parts[0]) ?? throw new ArgumentException($"{className} has no property {parts[0]}.");
            property.SetValue(instance, Convert.ChangeType(parts[1], property.PropertyType, CultureInfo.InvariantCulture));
        }

        Invoke<GlobalSetupAttribute>(type, instance);
        var rows = type.GetMethods()
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<BenchmarkAttribute>()))
            .Where(r => r.Attribute is not null)
            .Where(r => onlyRow is null || (r.Attribute!.Description ?? r.Method.Name).Contains(onlyRow, StringComparison.Ordinal))
            .Select(r => (Name: r.Attribute!.Description ?? r.Method.Name, Ops: r.Attribute.OperationsPerInvoke, Call: (Func<Task>)(() => (Task)r.Method.Invoke(instance, null)!)))
            .ToList();
        var roundMedians = rows.Select(_ => new List<double>()).ToList();
        var all = rows.Select(_ => new List<double>()).ToList();
        var samples = new double[invocations];
        for (var round = -1; round < rounds; round++)
        {
            for (var k = 0; k < rows.Count; k++)
            {
                var i = (k + Math.Max(round, 0)) % rows.Count;
                for (var n = 0; n < invocations; n++)
                {
                    var start = Stopwatch.GetTimestamp();
                    rows[i].Call().GetAwaiter().GetResult();
                    samples[n] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / rows[i].Ops;
                }

                if (round >= 0)
                {
                    roundMedians[i].Add(Percentile(samples, 0.5));
                    all[i].AddRange(samples);
                }
            }
        }

        Console.WriteLine($"{className} {string.Join(' ', parameters ?? [])}: {rounds} rounds x {invocations} invocations per row, interleaved; µs per operation");
        Console.WriteLine("| row | median ratio to the first row (per round) | median of round medians | min round median | max round median | p50 | p90 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < rows.Count; i++)
        {
            var s = all[i].ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rows[i].Name} | {Percentile(roundMedians[i].Select((m, r) => m / roundMedians[0][r]).ToArray(), 0.5):F3} | {Percentile(roundMedians[i].ToArray(), 0.5):F1} | {roundMedians[i].Min():F1} | {roundMedians[i].Max():F1} | {Percentile(s, 0.5):F1} | {Percentile(s, 0.9):F1} | {Percentile(s, 0.99):F1} | {s.Max():F1} |"));
        }

        Invoke<GlobalCleanupAttribute>(type, instance);
        return 0;
    }

    private static void Invoke<TAttribute>(Type type, object instance)
        where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(instance, null);
        }
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }
}
