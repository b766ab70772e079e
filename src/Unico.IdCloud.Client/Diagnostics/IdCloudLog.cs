using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Client.Diagnostics;

/// <summary>
/// The SDK's log events (source-generated, allocation-free when disabled). Event ids are stable: filter and alert
/// on them. Ranges:
/// <list type="table">
/// <item><term>2000–2099</term><description>HTTP pipeline: request outcome, retries, circuit breaker, timeouts.</description></item>
/// <item><term>2100–2199</term><description>request validation.</description></item>
/// <item><term>2200–2299</term><description>health checks and other diagnostics.</description></item>
/// <item><term>3000–3099</term><description>authentication: token acquisition and cache (<c>IdCloudAuthenticationLog</c>).</description></item>
/// </list>
/// No event carries a body, a header value, a token or personal data; URLs are logged without query strings.
/// </summary>
internal static partial class IdCloudLog
{
    /// <summary>Category used by the pipeline's loggers.</summary>
    public const string PipelineCategory = "Unico.IdCloud.Client.Http";

    [LoggerMessage(EventId = 2000, EventName = "RequestSucceeded", Level = LogLevel.Debug,
        Message = "{Operation} {Method} {Url} answered {StatusCode} in {ElapsedMilliseconds} ms after {RetryCount} retries (account {Account})")]
    public static partial void RequestSucceeded(ILogger logger, string operation, string method, Uri? url, int statusCode, long elapsedMilliseconds, int retryCount, string account);

    [LoggerMessage(EventId = 2001, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "{Operation} {Method} {Url} failed with {ErrorKind} (HTTP {StatusCode}) in {ElapsedMilliseconds} ms after {RetryCount} retries (account {Account})")]
    public static partial void RequestFailed(ILogger logger, string operation, string method, Uri? url, IdCloudErrorKind errorKind, int? statusCode, long elapsedMilliseconds, int retryCount, string account);

    [LoggerMessage(EventId = 2002, EventName = "RetryScheduled", Level = LogLevel.Information,
        Message = "Retrying {Operation} in {DelayMilliseconds} ms (retry {RetryNumber}) after {Reason} (account {Account})")]
    public static partial void RetryScheduled(ILogger logger, string operation, long delayMilliseconds, int retryNumber, string reason, string account);

    [LoggerMessage(EventId = 2003, EventName = "RetryAfterTooLong", Level = LogLevel.Warning,
        Message = "Not retrying {Operation}: IDCloud asked to wait {RetryAfterSeconds} s, more than MaxRetryAfter ({MaxRetryAfterSeconds} s) or the time left in the call's budget")]
    public static partial void RetryAfterTooLong(ILogger logger, string operation, double retryAfterSeconds, double maxRetryAfterSeconds);

    [LoggerMessage(EventId = 2004, EventName = "UnsafeRequestNotRetried", Level = LogLevel.Information,
        Message = "Not retrying {Operation} after {Reason}: it is not idempotent and may have reached IDCloud (a retry could act twice)")]
    public static partial void UnsafeRequestNotRetried(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 2005, EventName = "CircuitOpened", Level = LogLevel.Warning,
        Message = "Circuit breaker of client {ClientName} opened for {BreakSeconds} s after {Reason}; calls fail fast until then")]
    public static partial void CircuitOpened(ILogger logger, string clientName, double breakSeconds, string reason);

    [LoggerMessage(EventId = 2006, EventName = "CircuitHalfOpened", Level = LogLevel.Information,
        Message = "Circuit breaker of client {ClientName} lets a trial call through")]
    public static partial void CircuitHalfOpened(ILogger logger, string clientName);

    [LoggerMessage(EventId = 2007, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "Circuit breaker of client {ClientName} closed; calls flow normally again")]
    public static partial void CircuitClosed(ILogger logger, string clientName);

    [LoggerMessage(EventId = 2100, EventName = "DeprecatedFlow", Level = LogLevel.Warning,
        Message = "CreateProcess uses flow '{Flow}', which Unico has deprecated; plan a move to a current flow")]
    public static partial void DeprecatedFlow(ILogger logger, string flow);

    [LoggerMessage(EventId = 2200, EventName = "TokenHealthCheckFailed", Level = LogLevel.Warning,
        Message = "IDCloud token health check failed with {ErrorKind} (code {ErrorCode}, HTTP {StatusCode})")]
    public static partial void TokenHealthCheckFailed(ILogger logger, IdCloudErrorKind errorKind, string? errorCode, int? statusCode);
}
