using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// The SDK's rules expressed as Microsoft.Extensions.Http.Resilience strategy options, and the pipeline built from
/// them: total timeout → retry → circuit breaker → attempt timeout (the order of the standard handler).
/// </summary>
/// <remarks>
/// <para>
/// Each strategy reads named options (<see cref="HttpTimeoutStrategyOptions"/>, <see cref="HttpRetryStrategyOptions"/>,
/// <see cref="HttpCircuitBreakerStrategyOptions"/>) whose names derive from the pipeline name
/// (<c>Unico.IdCloud.ProcessApi-IdCloud</c> and so on; see <see cref="OptionsName"/>). The SDK configures them first
/// from <see cref="IdCloudResilienceOptions"/> (<c>IdCloud:Resilience:*</c>); a user's own
/// <c>services.Configure&lt;HttpRetryStrategyOptions&gt;(name, ...)</c> runs afterwards and wins.
/// </para>
/// <para>
/// <c>DisableForUnsafeHttpMethods()</c> is deliberately not used: it also refuses the one retry a POST may get,
/// after a connection that failed before sending (refused, DNS), because it looks at the method only. The predicate
/// here decides by the operation instead. The standard handler's <c>Retry-After</c> support is replaced too: it is
/// neither capped (<c>MaxDelay</c> does not apply to it) nor checked against the call's deadline, and it takes
/// <c>Retry-After: 0</c> literally.
/// </para>
/// </remarks>
internal sealed class IdCloudResiliencePipeline
{
    /// <summary>The pipeline name given to <c>AddResilienceHandler</c>; the full name is <c>{client name}-IdCloud</c>.</summary>
    public const string Name = IdCloudHttpClientNames.ResiliencePipeline;

    /// <summary>When the call's whole budget runs out; a <c>Retry-After</c> reaching past it is not waited for.</summary>
    internal static readonly ResiliencePropertyKey<DateTimeOffset> DeadlineKey = new("Unico.IdCloud.Deadline");

    private readonly IdCloudResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IdCloudTelemetry? _telemetry;
    private readonly ILogger _logger;
    private readonly string _account;

    /// <summary>Creates the rules from the SDK's resilience options (a copy is kept).</summary>
    /// <param name="options">The SDK's resilience options.</param>
    /// <param name="timeProvider">The clock of delays and timeouts.</param>
    /// <param name="telemetry">Counts retries; optional.</param>
    /// <param name="logger">The pipeline's events; optional.</param>
    /// <param name="account">The account's <c>idcloud.account</c> value in telemetry and logs.</param>
    public IdCloudResiliencePipeline(IdCloudResilienceOptions options, TimeProvider timeProvider, IdCloudTelemetry? telemetry = null, ILogger? logger = null, string account = IdCloudTelemetry.DefaultAccount)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = Copy(options);
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = logger ?? NullLogger.Instance;
        _account = account;
    }

    /// <summary>The options the rules were built with (a snapshot).</summary>
    public IdCloudResilienceOptions Options => _options;

    /// <summary>The clock every delay and timeout runs on.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>The names of the strategy options of one pipeline (<c>{pipeline}-total-timeout</c>, ...).</summary>
    /// <param name="pipelineName">The full pipeline name, e.g. <c>Unico.IdCloud.ProcessApi-IdCloud</c>.</param>
    /// <param name="strategy">One of <c>total-timeout</c>, <c>retry</c>, <c>circuit-breaker</c>, <c>attempt-timeout</c>.</param>
    public static string OptionsName(string pipelineName, string strategy) => pipelineName + "-" + strategy;

    /// <summary>The whole budget of one call: <see cref="IdCloudResilienceOptions.DownloadTimeout"/> for downloads, else the total timeout.</summary>
    public TimeSpan TotalBudget(IdCloudOperation operation) => operation.IsDownload ? _options.DownloadTimeout : _options.TotalTimeout;

    /// <summary>Builds a pipeline with the SDK's defaults only (tests and hand-built chains; DI goes through named options).</summary>
    public ResiliencePipeline<HttpResponseMessage> Build(string clientName)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = clientName + "-" + Name, TimeProvider = _timeProvider };
        var total = new HttpTimeoutStrategyOptions();
        var retry = new HttpRetryStrategyOptions();
        var breaker = new HttpCircuitBreakerStrategyOptions();
        var attempt = new HttpTimeoutStrategyOptions();
        ConfigureTotalTimeout(total);
        ConfigureRetry(retry);
        ConfigureCircuitBreaker(breaker, clientName);
        ConfigureAttemptTimeout(attempt);
        AddStrategies(builder, total, retry, breaker, attempt);
        return builder.Build();
    }

    /// <summary>Adds the four strategies in the standard order, leaving out retry and breaker when disabled.</summary>
    public void AddStrategies(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        HttpTimeoutStrategyOptions total,
        HttpRetryStrategyOptions retry,
        HttpCircuitBreakerStrategyOptions breaker,
        HttpTimeoutStrategyOptions attempt)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTimeout(total);
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(retry);
        }

        if (_options.CircuitBreakerEnabled)
        {
            builder.AddCircuitBreaker(breaker);
        }

        builder.AddTimeout(attempt);
    }

    /// <summary>The total budget, per operation; it also records the deadline the retry checks <c>Retry-After</c> against.</summary>
    public void ConfigureTotalTimeout(HttpTimeoutStrategyOptions options)
    {
        options.Name = "TotalTimeout";
        options.Timeout = _options.TotalTimeout;
        options.TimeoutGenerator = args =>
        {
            var budget = TotalBudget(OperationOf(args.Context));
            args.Context.Properties.Set(DeadlineKey, _timeProvider.GetUtcNow() + budget);
            return ValueTask.FromResult(budget);
        };
    }

    /// <summary>One attempt's budget, per operation (a download's attempt may use the whole download budget).</summary>
    public void ConfigureAttemptTimeout(HttpTimeoutStrategyOptions options)
    {
        options.Name = "AttemptTimeout";
        options.Timeout = _options.AttemptTimeout;
        options.TimeoutGenerator = args =>
        {
            var operation = OperationOf(args.Context);
            return ValueTask.FromResult(operation.IsDownload ? _options.DownloadTimeout : _options.AttemptTimeout);
        };
    }

    /// <summary>What is retried, how long to wait, and what is logged.</summary>
    public void ConfigureRetry(HttpRetryStrategyOptions options)
    {
        options.Name = "Retry";
        options.MaxRetryAttempts = _options.MaxRetryAttempts;
        options.BackoffType = DelayBackoffType.Exponential;
        options.UseJitter = true;
        options.Delay = _options.BaseDelay;
        options.MaxDelay = _options.MaxDelay;
        options.ShouldRetryAfterHeader = false;
        options.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context));
        options.DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome));
        options.OnRetry = args =>
        {
            OnRetry(args.Outcome, args.Context, args.AttemptNumber, args.RetryDelay);
            return default;
        };
    }

    /// <summary>What counts against the breaker (never 429, never the caller's mistakes) and what is logged.</summary>
    public void ConfigureCircuitBreaker(HttpCircuitBreakerStrategyOptions options, string clientName)
    {
        options.Name = "CircuitBreaker";
        options.FailureRatio = _options.CircuitBreakerFailureRatio;
        options.MinimumThroughput = _options.CircuitBreakerMinimumThroughput;
        options.SamplingDuration = _options.CircuitBreakerSamplingDuration;
        options.BreakDuration = _options.CircuitBreakerBreakDuration;
        options.ShouldHandle = args => ValueTask.FromResult(IsServiceFailure(args.Outcome, args.Context));
        options.OnOpened = args =>
        {
            IdCloudLog.CircuitOpened(_logger, clientName, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
            return default;
        };
        options.OnHalfOpened = _ =>
        {
            IdCloudLog.CircuitHalfOpened(_logger, clientName);
            return default;
        };
        options.OnClosed = _ =>
        {
            IdCloudLog.CircuitClosed(_logger, clientName);
            return default;
        };
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
            if (!IsTransientException(exception))
            {
                // A caller's own cancellation, an authentication failure or a bug: never retried.
                return false;
            }

            if (operation.IsIdempotent || IdCloudTransientFailures.IsFailureBeforeSending(exception))
            {
                return true;
            }

            LogUnsafe(operation, outcome);
            return false;
        }

        var response = outcome.Result;
        if (response is null || !IdCloudTransientFailures.IsTransientStatus(response.StatusCode))
        {
            return false;
        }

        if (!operation.IsIdempotent)
        {
            LogUnsafe(operation, outcome);
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

    /// <summary>
    /// The server's positive <c>Retry-After</c>, else <see langword="null"/> so the exponential backoff with jitter
    /// applies (also for <c>Retry-After: 0</c> or a date in the past: never an immediate retry).
    /// </summary>
    private TimeSpan? RetryAfterDelay(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response && IdCloudTransientFailures.TryGetRetryAfter(response, _timeProvider, out var retryAfter)
            ? retryAfter
            : null;

    private void OnRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attemptNumber, TimeSpan delay)
    {
        var operation = OperationOf(context);
        var retryNumber = attemptNumber + 1;
        if (context.GetRequestMessage() is { } request)
        {
            IdCloudRequestOptions.SetRetryCount(request, retryNumber);
        }

        var reason = Describe(outcome);
        _telemetry?.RecordRetry(operation, reason, _account);
        IdCloudLog.RetryScheduled(_logger, operation.Name, (long)delay.TotalMilliseconds, retryNumber, reason, _account);
    }

    private void LogUnsafe(IdCloudOperation operation, Outcome<HttpResponseMessage> outcome)
    {
        var reason = Describe(outcome);
        IdCloudLog.UnsafeRequestNotRetried(_logger, operation.Name, reason);
    }

    private static bool IsServiceFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Exception is { } exception)
        {
            return !context.CancellationToken.IsCancellationRequested && IsTransientException(exception);
        }

        return outcome.Result is { } response && IdCloudTransientFailures.IsTransientStatus(response.StatusCode)
            && response.StatusCode != HttpStatusCode.TooManyRequests;
    }

    private static bool IsTransientException(Exception exception) =>
        exception is TimeoutRejectedException or HttpRequestException or IOException;

    private static IdCloudOperation OperationOf(ResilienceContext context) =>
        context.GetRequestMessage() is { } request
            ? IdCloudRequestOptions.GetOperation(request)
            : new IdCloudOperation("Unknown", IsIdempotent: false, IsDownload: false);

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
        DownloadIdleTimeout = source.DownloadIdleTimeout,
        MaxResponseBodySize = source.MaxResponseBodySize,
        MaxConnectionsPerServer = source.MaxConnectionsPerServer,
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
