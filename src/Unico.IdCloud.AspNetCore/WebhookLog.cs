using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Every log line of the receiver. Process ids are opaque UUIDs and are logged; credentials, tokens and bodies
/// never are.
/// </summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning,
        Message = "The IDCloud webhook accepts calls WITHOUT authentication (Authentication = None). Use this only in development; register Basic, ApiKey or Bearer with Unico for any other environment.")]
    public static partial void AuthenticationDisabled(ILogger logger);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "Rejected an IDCloud webhook call with missing or wrong {Scheme} credentials (401). If this repeats, compare the credential registered with Unico with the configured one.")]
    public static partial void Unauthenticated(ILogger logger, IdCloudWebhookAuthentication scheme);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error,
        Message = "The IDCloud webhook bearer-token validator threw; the call was rejected (401).")]
    public static partial void BearerValidatorFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning,
        Message = "Rejected an IDCloud webhook call: {Reason} ({StatusCode}).")]
    public static partial void Rejected(ILogger logger, string reason, int statusCode);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information,
        Message = "IDCloud notification for process {ProcessId} (state {State}) accepted.")]
    public static partial void Accepted(ILogger logger, string processId, string? state);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug,
        Message = "IDCloud notification for process {ProcessId} (state {State}) is a duplicate ({Claim}); the handler is not run again.")]
    public static partial void Duplicate(ILogger logger, string processId, string? state, IdCloudWebhookClaim claim);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning,
        Message = "The IDCloud webhook queue is full ({Capacity}); process {ProcessId} answered 503 so IDCloud delivers it again later.")]
    public static partial void QueueFull(ILogger logger, int capacity, string processId);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information,
        Message = "IDCloud webhook handler finished for process {ProcessId} (attempt {Attempt}).")]
    public static partial void Handled(ILogger logger, string processId, int attempt);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning,
        Message = "IDCloud webhook handler failed for process {ProcessId} (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}.")]
    public static partial void HandlerFailedWillRetry(ILogger logger, Exception exception, string processId, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Error,
        Message = "IDCloud webhook handler failed for process {ProcessId} {Attempt} times; giving up. The notification is released, so a new delivery (or your reconciliation) can handle it.")]
    public static partial void HandlerGaveUp(ILogger logger, Exception exception, string processId, int attempt);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning,
        Message = "The application is stopping: the IDCloud notification for process {ProcessId} was not handled and is released.")]
    public static partial void DroppedOnShutdown(ILogger logger, string processId);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error,
        Message = "The IDCloud webhook de-duplication store failed for process {ProcessId} while {Operation}.")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string processId, string operation);
}
