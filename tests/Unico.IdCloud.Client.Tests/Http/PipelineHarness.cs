using System.Net;
using System.Net.Http.Headers;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Tests.Diagnostics;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>
/// A hand-built chain: HttpClient → (telemetry) → resilience handler → stub, on a manual clock. Timeouts are long by
/// default so that any timer shorter than a minute is a retry delay.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    public static readonly TimeSpan LongAttemptTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Real-time bound on any await in these tests: only reached when the code under test hangs.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    private PipelineHarness(StubHttpHandler stub, IdCloudResilienceOptions options, IdCloudTelemetry? telemetry, string clientName)
    {
        Stub = stub;
        Time = new PipelineTimeProvider();
        Log = new CapturingLogger();
        Provider = new IdCloudResiliencePipelineProvider(options, Time, telemetry, Log);
        HttpMessageHandler chain = new IdCloudResilienceHandler(Provider, clientName) { InnerHandler = stub };
        if (telemetry is not null)
        {
            chain = new IdCloudTelemetryHandler(telemetry, new CapturingLogger<IdCloudTelemetryHandler>(Log), Time) { InnerHandler = chain };
        }

        Client = new HttpClient(chain) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = new Uri("https://api.cadastro.uat.unico.app") };
    }

    public StubHttpHandler Stub { get; }

    public PipelineTimeProvider Time { get; }

    public CapturingLogger Log { get; }

    public IdCloudResiliencePipelineProvider Provider { get; }

    public HttpClient Client { get; }

    public static IdCloudResilienceOptions DefaultTestOptions() => new()
    {
        AttemptTimeout = LongAttemptTimeout,
        TotalTimeout = TimeSpan.FromMinutes(30),
        DownloadTimeout = TimeSpan.FromHours(1),
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
