using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// What the per-server connection cap (<c>IdCloud:Resilience:MaxConnectionsPerServer</c>, default 64) costs in
/// throughput when more callers are in flight than the cap allows: 256 concurrent GetProcess loops over real loopback
/// HTTP against the embedded emulator, the SDK with its default cap beside the same SDK with no cap. Issue 14 asked
/// for the cap (2,000 concurrent calls used to open 2,000 TCP connections) measured against throughput.
/// </summary>
/// <remarks>
/// The emulator runs in the benchmark process and shares the two cores with the callers, so the absolute numbers mean
/// little; read the ratio of the two rows of one run.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ConnectionCapLoopbackBenchmarks
{
    public const int Callers = 256;

    public const int CallsPerInvocation = 512;

    private IdCloudEmulator emulator = null!;
    private ServiceProvider uncapped = null!;
    private ServiceProvider capped = null!;
    private IIdCloudProcessClient uncappedClient = null!;
    private IIdCloudProcessClient cappedClient = null!;
    private string processId = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        capped.Dispose();
        uncapped.Dispose();
        emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation, Description = "GetProcess × 256 callers, no connection cap")]
    public Task Uncapped() => Fan(uncappedClient);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "GetProcess × 256 callers, default cap (64)")]
    public Task Capped() => Fan(cappedClient);

    private async Task SetupAsync()
    {
        emulator = await IdCloudEmulator.StartAsync();
        var account = emulator.CreateServiceAccount();
        capped = SdkHost.Build(account.ApplyTo);
        uncapped = SdkHost.Build(options =>
        {
            account.ApplyTo(options);
            options.Resilience.MaxConnectionsPerServer = int.MaxValue;
        });
        cappedClient = capped.GetRequiredService<IIdCloudProcessClient>();
        uncappedClient = uncapped.GetRequiredService<IIdCloudProcessClient>();

        processId = await SdkHost.CreateApprovedProcessAsync(emulator, cappedClient);

        var viaCapped = await cappedClient.GetProcessAsync(processId);
        var viaUncapped = await uncappedClient.GetProcessAsync(processId);
        Check.That(viaCapped.Result == ProcessResult.Ok && viaUncapped.Result == ProcessResult.Ok, "both SDKs read the finished, approved process");
    }

    private async Task Fan(IIdCloudProcessClient client)
    {
        var loops = new Task[Callers];
        for (var c = 0; c < loops.Length; c++)
        {
            loops[c] = Loop(client, CallsPerInvocation / Callers);
        }

        await Task.WhenAll(loops);
    }

    private async Task Loop(IIdCloudProcessClient client, int count)
    {
        await Task.Yield();
        for (var i = 0; i < count; i++)
        {
            await client.GetProcessAsync(processId);
        }
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
