using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.HandWritten;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// GetProcess answered from memory with the vendor's GetProcess example, three ways over the same handler: a
/// hand-written HttpClient + System.Text.Json call, the generated Refit interface bare (<see cref="BareRefit"/>), and
/// the SDK as an application gets it (<see cref="IIdCloudProcessClient"/> from DI: operation tag, telemetry, error
/// mapping, Microsoft.Extensions.Http.Resilience, authentication with the cached token, id validation, unwrapping).
/// Target (issue 10): the SDK ≤ 1.10× bare Refit in time and in allocations, so bare Refit is the baseline.
/// </summary>
[MemoryDiagnoser]
public class GetProcessInMemoryBenchmarks
{
    private readonly InMemoryIdCloudHandler handler = new();
    private ServiceProvider sdk = null!;
    private IIdCloudProcessClient client = null!;
    private BareRefit bareRefit = null!;
    private IIdCloudProcessApi refit = null!;
    private HandWrittenIdCloudClient handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        sdk = SdkHost.InMemory(handler);
        client = sdk.GetRequiredService<IIdCloudProcessClient>();
        bareRefit = new BareRefit(handler, SdkHost.InMemoryProcessApi, InMemoryIdCloudHandler.AccessToken);
        refit = bareRefit.ProcessApi;
        handWritten = new HandWrittenIdCloudClient(handler, SdkHost.InMemoryProcessApi, SdkHost.InMemorySignatureApi, InMemoryIdCloudHandler.AccessToken);

        // All three must read the same process, or the comparison means nothing.
        var viaSdk = Sdk().GetAwaiter().GetResult();
        var viaRefit = bareRefit.GetProcessForCheckAsync(VendorExamples.ProcessId).GetAwaiter().GetResult();
        var viaHand = HandWritten().GetAwaiter().GetResult();
        Check.That(
            viaSdk.Id == VendorExamples.ProcessId && viaRefit.Id == VendorExamples.ProcessId && viaHand.Id == VendorExamples.ProcessId,
            "the three clients read the example process");
        Check.That(
            viaSdk.Result == ProcessResult.Ok && viaRefit.Result == ProcessResult.Ok && viaHand.Result == "PROCESS_RESULT_OK",
            "the three clients read the result");
        Check.That(handler.TokenRequests == 1, $"one token request for the whole run (saw {handler.TokenRequests})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        handWritten.Dispose();
        bareRefit.Dispose();
        sdk.Dispose();
    }

    [Benchmark(Description = "GetProcess hand-written HttpClient")]
    public Task<HandWrittenProcess> HandWritten() => handWritten.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Baseline = true, Description = "GetProcess bare Refit")]
    public Task BareRefit() => refit.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "GetProcess SDK")]
    public Task<IdCloudProcess> Sdk() => client.GetProcessAsync(VendorExamples.ProcessId);
}
