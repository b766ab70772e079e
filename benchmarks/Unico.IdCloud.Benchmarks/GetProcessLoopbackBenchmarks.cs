using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.HandWritten;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// GetProcess over real loopback HTTP against the embedded emulator (Kestrel on 127.0.0.1), with 1 or 64 callers in
/// flight at once. Each operation is one GetProcess; an invocation runs <see cref="CallsPerInvocation"/> of them split
/// across <see cref="Callers"/> concurrent loops, so "Op/s" is throughput. Three clients: the hand-written
/// HttpClient (the baseline), the generated Refit interface bare (<see cref="BareRefit"/>, over its own
/// SocketsHttpHandler) and the SDK from DI. Target (issue 10) at 64 callers: SDK throughput ≥ 0.95× the hand-written.
/// </summary>
/// <remarks>
/// The emulator runs in the benchmark process, so the allocation column includes the server's share; it is the same for
/// both sides and the target here is throughput only.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class GetProcessLoopbackBenchmarks
{
    public const int CallsPerInvocation = 64;

    private IdCloudEmulator emulator = null!;
    private ServiceProvider sdk = null!;
    private IIdCloudProcessClient client = null!;
    private SocketsHttpHandler handWrittenHandler = null!;
    private HandWrittenIdCloudClient handWritten = null!;
    private SocketsHttpHandler refitHandler = null!;
    private BareRefit bareRefit = null!;
    private string processId = null!;

    [Params(1, 64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        handWritten.Dispose();
        handWrittenHandler.Dispose();
        bareRefit.Dispose();
        refitHandler.Dispose();
        sdk.Dispose();
        emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation, Description = "GetProcess loopback hand-written")]
    public Task HandWritten() => Fan(() => handWritten.GetProcessAsync(processId));

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "GetProcess loopback bare Refit")]
    public Task BareRefit() => Fan(() => bareRefit.ProcessApi.GetProcessAsync(processId));

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "GetProcess loopback SDK")]
    public Task Sdk() => Fan(() => client.GetProcessAsync(processId));

    private async Task SetupAsync()
    {
        emulator = await IdCloudEmulator.StartAsync();
        var account = emulator.CreateServiceAccount();
        sdk = SdkHost.Build(account.ApplyTo);
        client = sdk.GetRequiredService<IIdCloudProcessClient>();

        processId = await SdkHost.CreateApprovedProcessAsync(emulator, client);

        // The baseline gets its bearer token once, from the same emulator, and hard-codes it (no refresh logic at all).
        var token = await sdk.GetRequiredService<IIdCloudTokenProvider>().GetTokenAsync();
        handWrittenHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false };
        handWritten = new HandWrittenIdCloudClient(handWrittenHandler, emulator.ProcessApiBaseAddress, emulator.SignatureApiBaseAddress, token.Value);

        refitHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false };
        bareRefit = new BareRefit(refitHandler, emulator.ProcessApiBaseAddress, token.Value);

        var viaSdk = await client.GetProcessAsync(processId);
        var viaHand = await handWritten.GetProcessAsync(processId);
        var viaRefit = await bareRefit.GetProcessForCheckAsync(processId);
        Check.That(
            viaSdk.Result == ProcessResult.Ok && viaHand.Result == "PROCESS_RESULT_OK" && viaRefit.Result == ProcessResult.Ok,
            "the three clients read the finished, approved process");
    }

    /// <summary>Runs the calls with <see cref="Callers"/> loops in flight at once.</summary>
    private async Task Fan(Func<Task> call)
    {
        if (Callers == 1)
        {
            for (var i = 0; i < CallsPerInvocation; i++)
            {
                await call();
            }

            return;
        }

        var loops = new Task[Callers];
        for (var c = 0; c < loops.Length; c++)
        {
            loops[c] = Loop(call, CallsPerInvocation / Callers);
        }

        await Task.WhenAll(loops);
    }

    private static async Task Loop(Func<Task> call, int count)
    {
        await Task.Yield();
        for (var i = 0; i < count; i++)
        {
            await call();
        }
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
