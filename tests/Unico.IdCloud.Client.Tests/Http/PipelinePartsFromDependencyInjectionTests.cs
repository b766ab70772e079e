using Unico.IdCloud.TestSupport;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
using Unico.IdCloud.Client.Validation;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>
/// The pipeline AddIdCloud() registers, resolved from a container: Microsoft.Extensions.Http.Resilience's named pipeline
/// fed by the <c>IdCloud:Resilience:*</c> keys, and reconfigurable through the standard named strategy options.
/// </summary>
public sealed class PipelinePartsFromDependencyInjectionTests
{
    private const string RetryOptionsName = IdCloudHttpClientNames.ProcessApi + "-" + IdCloudHttpClientNames.ResiliencePipeline + "-retry";

    [Fact]
    public async Task The_pipeline_parts_resolve_from_a_container_and_IdCloud_keys_reach_the_resilience_pipeline()
    {
        var stub = StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        await using var provider = Build(stub, configureRetry: null);

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(IdCloudHttpClientNames.ProcessApi);
        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => client.GetAsync(new Uri("client/v1/process/x", UriKind.Relative)).WaitAsync(PipelineHarness.HangGuard));
        var health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        // IdCloud:Resilience:MaxRetryAttempts = 0: the 503 is final, and it leaves through the one error mapper.
        Assert.Equal(1, stub.Calls);
        Assert.Equal(IdCloudErrorKind.ServiceUnavailable, error.Kind);
        Assert.Equal(0, provider.GetRequiredService<IOptionsMonitor<HttpRetryStrategyOptions>>().Get(RetryOptionsName).MaxRetryAttempts);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.NotNull(provider.GetRequiredService<CreateProcessRequestValidator>());
        Assert.Same(provider.GetRequiredService<IdCloudResiliencePipeline>(), provider.GetRequiredService<IdCloudResiliencePipeline>());
    }

    [Fact]
    public async Task NamedRetryOptions_ConfiguredByTheUser_OverrideTheIdCloudKeys()
    {
        var stub = StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        await using var provider = Build(stub, configureRetry: o =>
        {
            o.MaxRetryAttempts = 1;
            o.Delay = TimeSpan.FromMilliseconds(1);
        });

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(IdCloudHttpClientNames.ProcessApi);
        using var response = await client.GetAsync(new Uri("client/v1/process/x", UriKind.Relative)).WaitAsync(PipelineHarness.HangGuard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task Each_operation_logs_once_under_the_category_it_always_had_now_that_telemetry_and_errors_share_one_handler()
    {
        // Telemetry moved into the error handler (one async frame per call instead of two); operators' log filters
        // name the old telemetry handler's category, so the events 2000 and 2001 must still arrive under it, once each.
        var stub = StubHttpHandler.Statuses(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        var logs = new CategoryRecordingProvider();
        await using var provider = Build(stub, configureRetry: null, logs);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(IdCloudHttpClientNames.ProcessApi);

        using (await client.GetAsync(new Uri("client/v1/process/x", UriKind.Relative)).WaitAsync(PipelineHarness.HangGuard))
        {
        }

        await Assert.ThrowsAsync<IdCloudApiException>(() => client.GetAsync(new Uri("client/v1/process/y", UriKind.Relative)).WaitAsync(PipelineHarness.HangGuard));

        var operationEvents = logs.Events.Where(e => e.EventId.Id is 2000 or 2001).ToList();
        Assert.Equal([2000, 2001], operationEvents.Select(e => e.EventId.Id));
        Assert.All(operationEvents, e => Assert.Equal("Unico.IdCloud.Client.Diagnostics.IdCloudTelemetryHandler", e.Category));
        Assert.Equal(LogLevel.Debug, operationEvents[0].Level);
        Assert.Equal(LogLevel.Warning, operationEvents[1].Level);
    }

    [Fact]
    public async Task CreateProcess_reaches_the_socket_handler_as_the_sized_streaming_content_never_a_buffered_copy()
    {
        // Every layer between the typed client and the socket (Refit's body handling, resilience, the 401-resend
        // handler) must hand over the SDK's streaming content itself: a wrapper goes out chunked, a buffered copy holds
        // the whole base64 (27 MB for a 20 MB PDF).
        var pdf = new byte[1_000_000];
        "%PDF-1.7"u8.CopyTo(pdf);
        var socket = new ContentRecordingHandler();
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddIdCloud(o => o.ProcessApiBaseAddress = new Uri("https://api.cadastro.uat.unico.app"))
            .UseTokenProvider(_ => new FixedTokenProvider("t"));
        builder.ProcessApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => socket);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IIdCloudProcessClient>().CreateProcessAsync(new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdUnicoSign,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { Email = "signer@example.com" },
            Payload = [new EnvelopePayload { Documents = [new EnvelopeDocument { DocumentName = "contract.pdf", FileContents = pdf }] }],
        }).WaitAsync(PipelineHarness.HangGuard);

        Assert.Equal(typeof(IdCloudCreateProcessContent), socket.ContentType);
        Assert.Equal(socket.BodyLength, socket.DeclaredLength);
        Assert.True(socket.BodyLength > pdf.Length * 4 / 3, $"body of {socket.BodyLength} bytes");
    }

    private static ServiceProvider Build(StubHttpHandler stub, Action<HttpRetryStrategyOptions>? configureRetry, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            }
        });
        var builder = services.AddIdCloud(o =>
        {
            o.ProcessApiBaseAddress = new Uri("https://api.cadastro.uat.unico.app");
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        }).UseTokenProvider(_ => new FixedTokenProvider("t")).AddHealthCheck();
        builder.ProcessApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => stub);
        if (configureRetry is not null)
        {
            services.Configure(RetryOptionsName, configureRetry);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The socket's view of a CreateProcess: which content arrived, the length it announced, the bytes it wrote.</summary>
    private sealed class ContentRecordingHandler : HttpMessageHandler
    {
        public Type? ContentType { get; private set; }

        public long? DeclaredLength { get; private set; }

        public long BodyLength { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ContentType = request.Content!.GetType();
            DeclaredLength = request.Content.Headers.ContentLength;
            using var body = new MemoryStream();
            await request.Content.CopyToAsync(body, cancellationToken);
            BodyLength = body.Length;
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent("""{"process":{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","state":"PROCESS_STATE_CREATED"}}""", System.Text.Encoding.UTF8, "application/json"),
            };
        }
    }

    /// <summary>Keeps every event with the category of the logger that wrote it.</summary>
    private sealed class CategoryRecordingProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, EventId EventId)> _events = new();

        public IReadOnlyList<(string Category, LogLevel Level, EventId EventId)> Events => _events.ToArray();

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Recorder(CategoryRecordingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._events.Enqueue((category, logLevel, eventId));
        }
    }
}
