using Unico.IdCloud.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Tests.Diagnostics;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>
/// A hand-built chain as AddIdCloud() builds it: HttpClient → error handler (with telemetry when given) → Microsoft.Extensions.Http.Resilience
/// handler running the SDK's pipeline → stub, on a manual clock. The harness keeps one pipeline per client name, as the
/// resilience registry does, so a new handler generation shares the breaker. Timeouts are long by
/// default so that any timer shorter than a minute is a retry delay.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    public static readonly TimeSpan LongAttemptTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Real-time bound on any await in these tests: only reached when the code under test hangs.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);
    private readonly IdCloudResilienceOptions _options;
    private readonly IdCloudTelemetry? _telemetry;

    private PipelineHarness(StubHttpHandler stub, IdCloudResilienceOptions options, IdCloudTelemetry? telemetry, string clientName)
    {
        Stub = stub;
        _options = options;
        Time = new ObservedTimeProvider();
        Log = new CapturingLogger();
        Rules = new IdCloudResiliencePipeline(options, Time, telemetry, Log);
        _telemetry = telemetry;
        var chain = Chain(clientName, stub);
        Client = new HttpClient(chain) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = new Uri("https://api.cadastro.uat.unico.app") };
    }

    public StubHttpHandler Stub { get; }

    public ObservedTimeProvider Time { get; }

    public CapturingLogger Log { get; }

    public IdCloudResiliencePipeline Rules { get; }

    public HttpClient Client { get; }

    public static IdCloudResilienceOptions DefaultTestOptions() => new()
    {
        AttemptTimeout = LongAttemptTimeout,
        TotalTimeout = TimeSpan.FromMinutes(30),
        DownloadTimeout = TimeSpan.FromHours(1),
        DownloadIdleTimeout = TimeSpan.FromMinutes(50),
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        MaxRetryAfter = TimeSpan.FromSeconds(30),
        CircuitBreakerEnabled = false,
    };

    public static PipelineHarness Create(
        StubHttpHandler stub,
        Action<IdCloudResilienceOptions>? configure = null,
        IdCloudTelemetry? telemetry = null,
        string clientName = "process")
    {
        var options = DefaultTestOptions();
        configure?.Invoke(options);
        return new PipelineHarness(stub, options, telemetry, clientName);
    }

    /// <summary>Sends through the real seam (<see cref="IdCloudHttp"/>), as the typed clients do.</summary>
    public Task<HttpResponseMessage> SendAsync(
        IdCloudOperation operation,
        HttpMethod? method = null,
        HttpContent? content = null,
        string path = "/client/v1/process/3fa85f64-5717-4562-b3fc-2c963f66afa6",
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method ?? (operation.IsIdempotent ? HttpMethod.Get : HttpMethod.Post), path) { Content = content };
        // The guard turns a hang (a broken pipeline waiting on a clock nobody advances) into a failure.
        return IdCloudHttp.SendAsync(Client, request, operation, IdCloudApi.Process, HttpCompletionOption.ResponseContentRead, cancellationToken)
            .WaitAsync(HangGuard, CancellationToken.None);
    }

    /// <summary>Lets every retry delay pass as soon as it is requested, until <paramref name="call"/> completes.</summary>
    public async Task<T> RunRetriesAsync<T>(Task<T> call, int retriesExpected)
    {
        for (var i = 0; i < retriesExpected; i++)
        {
            var delay = await Time.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(1));
            Time.Advance(delay);
        }

        return await call.WaitAsync(HangGuard);
    }

    /// <summary>
    /// A new handler generation for <paramref name="clientName"/> (IHttpClientFactory rotates handlers): error handler
    /// and resilience handler over <paramref name="inner"/>, sharing the client's pipeline and so its breaker.
    /// </summary>
    public HttpMessageHandler Chain(string clientName, HttpMessageHandler inner)
    {
        if (!_pipelines.TryGetValue(clientName, out var pipeline))
        {
            pipeline = Rules.Build(clientName);
            _pipelines.Add(clientName, pipeline);
        }

#pragma warning disable EXTEXP0001 // ResilienceHandler is what AddResilienceHandler() puts in the chain.
        return new IdCloudErrorHandler(_options, Time, _telemetry, _telemetry is null ? null : new CapturingLogger<IdCloudErrorHandler>(Log))
        {
            InnerHandler = new ResilienceHandler(pipeline) { InnerHandler = inner },
        };
#pragma warning restore EXTEXP0001
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    public static HttpResponseMessage TooManyRequests(RetryConditionHeaderValue? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    public void Dispose()
    {
        Client.Dispose();
    }
}
