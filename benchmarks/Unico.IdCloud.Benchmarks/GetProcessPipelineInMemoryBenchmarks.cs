using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// Where the SDK's in-memory time over bare Refit goes: GetProcess through <see cref="IIdCloudProcessClient"/> from DI
/// with the resilience handler whole, with its retry and breaker switched off by options (only the two timeouts left),
/// replaced by a <see cref="ResilienceHandler"/> over the same four strategies built without Microsoft.Extensions.Resilience
/// (no telemetry listener, no request-snapshot strategy), and taken out.
/// </summary>
/// <remarks>A diagnostic, not a target: the rows without the SDK's registered handler are not configurations to ship.</remarks>
[MemoryDiagnoser]
public class GetProcessPipelineInMemoryBenchmarks
{
    private readonly InMemoryIdCloudHandler handler = new();
    private readonly List<ServiceProvider> providers = [];
    private BareRefit bareRefit = null!;
    private IIdCloudProcessClient whole = null!;
    private IIdCloudProcessClient timeoutsOnly = null!;
    private IIdCloudProcessClient plainPolly = null!;
    private IIdCloudProcessClient plainTimeouts = null!;
    private IIdCloudProcessClient emptyPipeline = null!;
    private IIdCloudProcessClient withoutResilience = null!;

    /// <summary>Answers synchronously, as an in-memory handler does.</summary>
    public GetProcessPipelineInMemoryBenchmarks()
        : this(answerAsynchronously: false)
    {
    }

    /// <param name="answerAsynchronously">See <see cref="InMemoryIdCloudHandler.AnswerAsynchronously"/>.</param>
    protected GetProcessPipelineInMemoryBenchmarks(bool answerAsynchronously) =>
        handler.AnswerAsynchronously = answerAsynchronously;

    [GlobalSetup]
    public void Setup()
    {
        bareRefit = new BareRefit(handler, SdkHost.InMemoryProcessApi, InMemoryIdCloudHandler.AccessToken);
        whole = Client(null, null);
        timeoutsOnly = Client(r => { r.MaxRetryAttempts = 0; r.CircuitBreakerEnabled = false; }, null);
        plainPolly = Client(null, () => new ResilienceHandler(new IdCloudResiliencePipeline(new IdCloudResilienceOptions(), TimeProvider.System).Build(IdCloudHttpClientNames.ProcessApi)));
        plainTimeouts = Client(null, () => new ResilienceHandler(new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(TimeSpan.FromSeconds(60)).AddTimeout(TimeSpan.FromSeconds(30)).Build()));
        emptyPipeline = Client(null, () => new ResilienceHandler(ResiliencePipeline<HttpResponseMessage>.Empty));
        withoutResilience = Client(null, () => null);
        foreach (var client in new[] { whole, timeoutsOnly, plainPolly, plainTimeouts, emptyPipeline, withoutResilience })
        {
            var process = client.GetProcessAsync(VendorExamples.ProcessId).GetAwaiter().GetResult();
            Check.That(process.Id == VendorExamples.ProcessId, "every SDK variant reads the example process");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        bareRefit.Dispose();
        foreach (var provider in providers)
        {
            provider.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "bare Refit")]
    public Task BareRefit() => bareRefit.ProcessApi.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "SDK whole")]
    public Task Whole() => whole.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "SDK, resilience with the two timeouts only")]
    public Task TimeoutsOnly() => timeoutsOnly.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "SDK, same four strategies as a plain Polly pipeline")]
    public Task PlainPolly() => plainPolly.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "SDK, two fixed Polly timeouts only, plain pipeline")]
    public Task PlainTimeouts() => plainTimeouts.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "SDK, empty Polly pipeline in the resilience handler")]
    public Task EmptyPipeline() => emptyPipeline.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "SDK without the resilience handler")]
    public Task WithoutResilience() => withoutResilience.GetProcessAsync(VendorExamples.ProcessId);

    /// <summary>The SDK with its resilience handler replaced (null: taken out) when <paramref name="replace"/> is given.</summary>
    private IIdCloudProcessClient Client(Action<IdCloudResilienceOptions>? resilience, Func<DelegatingHandler?>? replace)
    {
        var provider = SdkHost.InMemory(handler, (_, idCloud) =>
        {
            if (resilience is not null)
            {
                idCloud.ConfigureResilience(resilience);
            }

            if (replace is not null)
            {
                idCloud.ProcessApiHttpClient.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
                {
                    var found = handlers.Where(h => h.GetType().Name == "ResilienceHandler").ToList();
                    Check.That(found.Count == 1, $"one ResilienceHandler to replace (found {found.Count})");
                    var index = handlers.IndexOf(found[0]);
                    handlers.RemoveAt(index);
                    if (replace() is { } replacement)
                    {
                        handlers.Insert(index, replacement);
                    }
                });
            }
        });
        providers.Add(provider);
        return provider.GetRequiredService<IIdCloudProcessClient>();
    }
}
