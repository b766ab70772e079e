using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.HandWritten;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// GetProcess through the whole SDK pipeline (DI-built typed client, resilience and authentication handlers, cached
/// token, error mapping, tolerant models) against a hand-written HttpClient + System.Text.Json call, both answered from
/// memory with the vendor's GetProcess example. Targets: SDK ÷ baseline ≤ 1.10 in time and ≤ 1.25 in allocations.
/// </summary>
[MemoryDiagnoser]
public class GetProcessInMemoryBenchmarks
{
    private readonly InMemoryIdCloudHandler handler = new();
    private ServiceProvider sdk = null!;
    private IIdCloudProcessClient client = null!;
    private HandWrittenIdCloudClient handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        sdk = SdkHost.InMemory(handler);
        client = sdk.GetRequiredService<IIdCloudProcessClient>();
        handWritten = new HandWrittenIdCloudClient(handler, SdkHost.InMemoryProcessApi, SdkHost.InMemorySignatureApi, InMemoryIdCloudHandler.AccessToken);

        // Both must read the same process, or the comparison means nothing.
        var viaSdk = Sdk().GetAwaiter().GetResult();
        var viaHand = HandWritten().GetAwaiter().GetResult();
        Check.That(viaSdk.Id == VendorExamples.ProcessId && viaHand.Id == VendorExamples.ProcessId, "both clients read the example process");
        Check.That(viaSdk.Result == ProcessResult.Ok && viaHand.Result == "PROCESS_RESULT_OK", "both clients read the result");
        Check.That(handler.TokenRequests == 1, $"one token request for the whole run (saw {handler.TokenRequests})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        handWritten.Dispose();
        sdk.Dispose();
    }

    [Benchmark(Baseline = true, Description = "GetProcess hand-written")]
    public Task<HandWrittenProcess> HandWritten() => handWritten.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "GetProcess SDK")]
    public Task<IdCloudProcess> Sdk() => client.GetProcessAsync(VendorExamples.ProcessId);
}
