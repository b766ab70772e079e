using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// Where the SDK's time over a real socket goes: GetProcess with one caller over loopback against the embedded emulator,
/// bare Refit (the baseline) beside the SDK's own Refit interface from DI with its handler chain whole and with parts of
/// it taken out (<c>ConfigureAdditionalHttpMessageHandlers</c>, as an application could). Each row differs from the
/// next by one layer, so the ratios say what each layer costs per call on the socket path, which the in-memory benchmark
/// (everything completes synchronously there) does not show.
/// </summary>
/// <remarks>
/// A diagnostic, not a target: the rows without resilience or error mapping are not configurations to ship. The set-up
/// checks that every removal found its handler, so a renamed handler fails the run instead of measuring the whole chain
/// twice.
/// </remarks>
[MemoryDiagnoser]
public class GetProcessPipelineLoopbackBenchmarks
{
    public const int CallsPerInvocation = 64;

    private readonly List<ServiceProvider> providers = [];
    private IdCloudEmulator emulator = null!;
    private SocketsHttpHandler refitHandler = null!;
    private BareRefit bareRefit = null!;
    private IIdCloudProcessApi whole = null!;
    private IIdCloudProcessApi timeoutsOnly = null!;
    private IIdCloudProcessApi plainPolly = null!;
    private IIdCloudProcessApi plainTimeouts = null!;
    private IIdCloudProcessApi emptyPipeline = null!;
    private IIdCloudProcessApi withoutResilience = null!;
    private IIdCloudProcessApi authenticationOnly = null!;
    private string processId = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        bareRefit.Dispose();
        refitHandler.Dispose();
        foreach (var provider in providers)
        {
            provider.Dispose();
        }

        emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation, Description = "bare Refit")]
    public Task BareRefit() => Loop(bareRefit.ProcessApi);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "SDK Refit interface, whole pipeline")]
    public Task Whole() => Loop(whole);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "SDK, resilience with the two timeouts only")]
    public Task TimeoutsOnly() => Loop(timeoutsOnly);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "SDK, same four strategies as a plain Polly pipeline")]
    public Task PlainPolly() => Loop(plainPolly);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "SDK, two fixed Polly timeouts only, plain pipeline")]
    public Task PlainTimeouts() => Loop(plainTimeouts);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "SDK, empty Polly pipeline in the resilience handler")]
    public Task EmptyPipeline() => Loop(emptyPipeline);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "SDK without the resilience handler")]
    public Task WithoutResilience() => Loop(withoutResilience);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "SDK with authentication only")]
    public Task AuthenticationOnly() => Loop(authenticationOnly);

    /// <summary>
    /// Concurrent loops sharing the calls of one invocation: 1 under BenchmarkDotNet (the one-caller diagnostic); the
    /// interleaved loop sets it (<c>--loop GetProcessPipelineLoopbackBenchmarks 60 20 "" Callers=64</c>) to see which
    /// layer costs what when 64 callers saturate both cores.
    /// </summary>
    public int Callers { get; set; } = 1;

    private Task Loop(IIdCloudProcessApi api)
    {
        if (Callers <= 1)
        {
            return Sequence(api, CallsPerInvocation);
        }

        var loops = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            loops[c] = Sequence(api, CallsPerInvocation / Callers, yieldFirst: true);
        }

        return Task.WhenAll(loops);
    }

    private async Task Sequence(IIdCloudProcessApi api, int calls, bool yieldFirst = false)
    {
        if (yieldFirst)
        {
            // Every loop starts on the thread pool, as GetProcessLoopbackBenchmarks' callers do.
            await Task.Yield();
        }

        for (var i = 0; i < calls; i++)
        {
            await api.GetProcessAsync(processId);
        }
    }

    private async Task SetupAsync()
    {
        emulator = await IdCloudEmulator.StartAsync();
        var account = emulator.CreateServiceAccount();
        whole = Api(account, []);
        withoutResilience = Api(account, ["ResilienceHandler"]);
        plainTimeouts = Api(account, ["ResilienceHandler"], replacement: () => new ResilienceHandler(new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(TimeSpan.FromSeconds(60)).AddTimeout(TimeSpan.FromSeconds(30)).Build()));
        emptyPipeline = Api(account, ["ResilienceHandler"], replacement: () => new ResilienceHandler(ResiliencePipeline<HttpResponseMessage>.Empty));
        timeoutsOnly = Api(account, [], r => { r.MaxRetryAttempts = 0; r.CircuitBreakerEnabled = false; });
        plainPolly = Api(account, ["ResilienceHandler"], replacement: () => new ResilienceHandler(
            new IdCloudResiliencePipeline(new IdCloudResilienceOptions(), TimeProvider.System).Build(IdCloudHttpClientNames.ProcessApi)));
        authenticationOnly = Api(account, ["ResilienceHandler", "IdCloudErrorHandler", "IdCloudOperationHandler"]);

        var client = providers[0].GetRequiredService<IIdCloudProcessClient>();
        processId = await SdkHost.CreateApprovedProcessAsync(emulator, client);

        var token = await providers[0].GetRequiredService<IIdCloudTokenProvider>().GetTokenAsync();
        refitHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false };
        bareRefit = new BareRefit(refitHandler, emulator.ProcessApiBaseAddress, token.Value);

        foreach (var api in new[] { whole, timeoutsOnly, plainPolly, plainTimeouts, emptyPipeline, withoutResilience, authenticationOnly })
        {
            var process = await api.GetProcessAsync(processId);
            Check.That(process.Id == processId && process.Result == ProcessResult.Ok, "every SDK variant reads the finished, approved process");
        }

        var viaRefit = await bareRefit.GetProcessForCheckAsync(processId);
        Check.That(viaRefit.Result == ProcessResult.Ok, "bare Refit reads the finished, approved process");
    }

    /// <summary>The SDK's process API with the handlers whose type name is in <paramref name="remove"/> taken out.</summary>
    private IIdCloudProcessApi Api(EmulatedServiceAccount account, string[] remove, Action<IdCloudResilienceOptions>? resilience = null, Func<DelegatingHandler>? replacement = null)
    {
        var provider = SdkHost.Build(account.ApplyTo, extend: (_, idCloud) =>
        {
            if (resilience is not null)
            {
                idCloud.ConfigureResilience(resilience);
            }

            idCloud.ProcessApiHttpClient.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                foreach (var name in remove)
                {
                    var found = handlers.Where(h => h.GetType().Name == name).ToList();
                    Check.That(found.Count == 1, $"the process client's chain has one {name} to take out (found {found.Count})");
                    var index = handlers.IndexOf(found[0]);
                    handlers.RemoveAt(index);
                    if (replacement is not null)
                    {
                        handlers.Insert(index, replacement());
                    }
                }
            });
        });
        providers.Add(provider);
        return provider.GetRequiredService<IIdCloudProcessApi>();
    }
}
