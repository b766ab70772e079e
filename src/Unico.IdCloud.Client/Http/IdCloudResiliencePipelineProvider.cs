using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// Builds and keeps one resilience pipeline per named HTTP client (singleton). IHttpClientFactory recreates handlers
/// every few minutes; because the pipeline (and so the circuit breaker's state) lives here, a breaker opened by one
/// handler generation stays open for the next.
/// </summary>
/// <remarks>
/// Strategy order, outermost first, as in Microsoft.Extensions.Http.Resilience's standard handler: total timeout →
/// retry → circuit breaker → attempt timeout. See <see cref="IdCloudResilienceOptions"/> for what is retried.
/// </remarks>
internal sealed class IdCloudResiliencePipelineProvider
{
    /// <summary>The request travelling through the pipeline (for the retry counter).</summary>
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Unico.IdCloud.Request");

    /// <summary>The operation the request performs.</summary>
    internal static readonly ResiliencePropertyKey<IdCloudOperation> OperationKey = new("Unico.IdCloud.Operation");

    /// <summary>When the call's whole budget runs out; a <c>Retry-After</c> reaching past it is not waited for.</summary>
    internal static readonly ResiliencePropertyKey<DateTimeOffset> DeadlineKey = new("Unico.IdCloud.Deadline");

    private readonly IdCloudResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IdCloudTelemetry? _telemetry;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> _pipelines = new(StringComparer.Ordinal);

    /// <summary>Creates the provider from the SDK options (DI constructor).</summary>
    public IdCloudResiliencePipelineProvider(
        IOptions<IdCloudOptions> options,
        TimeProvider timeProvider,
        IdCloudTelemetry telemetry,
        ILoggerFactory loggerFactory)
        : this(options.Value.Resilience, timeProvider, telemetry, loggerFactory.CreateLogger(IdCloudLog.PipelineCategory))
    {
    }

    /// <summary>Creates the provider from resilience options directly (tests and hand-built clients; not seen by DI).</summary>
    internal IdCloudResiliencePipelineProvider(
        IdCloudResilienceOptions options,
        TimeProvider timeProvider,
        IdCloudTelemetry? telemetry = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = Copy(options);
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The options the pipelines were built with (a snapshot taken at construction).</summary>
    public IdCloudResilienceOptions Options => _options;

    /// <summary>The clock every delay and timeout of the pipelines runs on.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>The pipeline of the named client, built on first use and kept for the life of the application.</summary>
    public ResiliencePipeline<HttpResponseMessage> GetPipeline(string clientName)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        return _pipelines.GetOrAdd(
            clientName,
            static (name, self) => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => self.Build(name), LazyThreadSafetyMode.ExecutionAndPublication),
            this).Value;
    }

    /// <summary>The whole budget of one call: <see cref="IdCloudResilienceOptions.DownloadTimeout"/> for downloads, else the total timeout.</summary>
    public TimeSpan TotalBudget(IdCloudOperation operation) => operation.IsDownload ? _options.DownloadTimeout : _options.TotalTimeout;

    private TimeSpan AttemptBudget(IdCloudOperation operation) => operation.IsDownload ? _options.DownloadTimeout : _options.AttemptTimeout;

    private ResiliencePipeline<HttpResponseMessage> Build(string clientName)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = "IdCloud-" + clientName,
            TimeProvider = _timeProvider,
        };

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "TotalTimeout",
            TimeoutGenerator = args => ValueTask.FromResult(TotalBudget(OperationOf(args.Context))),
        });

        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Retry",
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome)),
                OnRetry = args =>
                {
                    OnRetry(args.Outcome, args.Context, args.AttemptNumber, args.RetryDelay);
                    return default;
                },
            });
        }

        if (_options.CircuitBreakerEnabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "CircuitBreaker",
                FailureRatio = _options.CircuitBreakerFailureRatio,
                MinimumThroughput = _options.CircuitBreakerMinimumThroughput,
                SamplingDuration = _options.CircuitBreakerSamplingDuration,
                BreakDuration = _options.CircuitBreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsServiceFailure(args.Outcome, args.Context)),
                OnOpened = args =>
                {
                    IdCloudLog.CircuitOpened(_logger, clientName, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    IdCloudLog.CircuitHalfOpened(_logger, clientName);
                    return default;
                },
                OnClosed = _ =>
                {
                    IdCloudLog.CircuitClosed(_logger, clientName);
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "AttemptTimeout",
            TimeoutGenerator = args => ValueTask.FromResult(AttemptBudget(OperationOf(args.Context))),
        });

        return builder.Build();
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            // The caller cancelled, or the total budget ran out: neither is worth another attempt.
            return false;
        }

        var operation = OperationOf(context);
        if (outcome.Exception is { } exception)
        {
            var transient = exception is TimeoutRejectedException or HttpRequestException or IOException;
            if (!transient)
            {
                // A caller's own cancellation, an authentication failure or a bug: never retried.
                return false;
            }

            if (operation.IsIdempotent || IdCloudTransientFailures.IsFailureBeforeSending(exception))
            {
                return true;
            }

            var unsafeReason = Describe(outcome);
            IdCloudLog.UnsafeRequestNotRetried(_logger, operation.Name, unsafeReason);
            return false;
        }

        var response = outcome.Result;
        if (response is null || !IdCloudTransientFailures.IsTransientStatus(response.StatusCode))
        {
            return false;
        }

        if (!operation.IsIdempotent)
        {
            var unsafeReason = Describe(outcome);
            IdCloudLog.UnsafeRequestNotRetried(_logger, operation.Name, unsafeReason);
            return false;
        }

        if (IdCloudTransientFailures.TryGetRetryAfter(response, _timeProvider, out var retryAfter))
        {
            var deadline = context.Properties.GetValue(DeadlineKey, DateTimeOffset.MaxValue);
            if (retryAfter > _options.MaxRetryAfter || _timeProvider.GetUtcNow() + retryAfter >= deadline)
            {
                // Waiting longer than allowed (or past the call's budget) would only turn a clear 429 into a timeout.
                IdCloudLog.RetryAfterTooLong(_logger, operation.Name, retryAfter.TotalSeconds, _options.MaxRetryAfter.TotalSeconds);
                return false;
            }
        }

        return true;
    }

    private TimeSpan? RetryAfterDelay(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response && IdCloudTransientFailures.TryGetRetryAfter(response, _timeProvider, out var retryAfter)
            ? retryAfter
            : null;

    private void OnRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attemptNumber, TimeSpan delay)
    {
        var operation = OperationOf(context);
        var retryNumber = attemptNumber + 1;
        if (context.Properties.TryGetValue(RequestKey, out var request))
        {
            IdCloudRequestOptions.SetRetryCount(request, retryNumber);
        }

        var reason = Describe(outcome);
        _telemetry?.RecordRetry(operation, reason);
        IdCloudLog.RetryScheduled(_logger, operation.Name, (long)delay.TotalMilliseconds, retryNumber, reason);
    }

    /// <summary>What counts against the circuit breaker: the service (or the way to it) failing, not the caller's mistakes.</summary>
    private static bool IsServiceFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Exception is { } exception)
        {
            return !context.CancellationToken.IsCancellationRequested
                && exception is TimeoutRejectedException or HttpRequestException or IOException;
        }

        return outcome.Result is { } response && IdCloudTransientFailures.IsTransientStatus(response.StatusCode)
            && response.StatusCode != System.Net.HttpStatusCode.TooManyRequests;
    }

    private static IdCloudOperation OperationOf(ResilienceContext context) =>
        context.Properties.TryGetValue(OperationKey, out var operation) ? operation : new IdCloudOperation("Unknown", IsIdempotent: false, IsDownload: false);

    /// <summary>A short, safe description of an outcome for logs and the retry-reason tag.</summary>
    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "timeout",
        HttpRequestException or IOException => "transport",
        { } other => other.GetType().Name,
        null => outcome.Result is { } response ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : "none",
    };

    private static IdCloudResilienceOptions Copy(IdCloudResilienceOptions source) => new()
    {
        TotalTimeout = source.TotalTimeout,
        AttemptTimeout = source.AttemptTimeout,
        DownloadTimeout = source.DownloadTimeout,
        MaxRetryAttempts = source.MaxRetryAttempts,
        BaseDelay = source.BaseDelay,
        MaxDelay = source.MaxDelay,
        MaxRetryAfter = source.MaxRetryAfter,
        CircuitBreakerEnabled = source.CircuitBreakerEnabled,
        CircuitBreakerFailureRatio = source.CircuitBreakerFailureRatio,
        CircuitBreakerMinimumThroughput = source.CircuitBreakerMinimumThroughput,
        CircuitBreakerSamplingDuration = source.CircuitBreakerSamplingDuration,
        CircuitBreakerBreakDuration = source.CircuitBreakerBreakDuration,
    };
}
