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
        Message = "The IDCloud webhook inbox ({Inbox}) is full; process {ProcessId} answered 503 so IDCloud delivers it again later. The in-memory inbox holds IdCloud:Webhook:QueueCapacity items, the Redis inbox its MaxLength.")]
    public static partial void QueueFull(ILogger logger, string inbox, string processId);

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
        Message = "The application is stopping: the IDCloud notification for process {ProcessId} was acknowledged but not handled ({Reason}). It is released; IDCloud will not deliver it again, so reconcile it (GetProcess).")]
    public static partial void DroppedOnShutdown(ILogger logger, string processId, string reason);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error,
        Message = "The IDCloud webhook de-duplication store failed for process {ProcessId} while {Operation}.")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string processId, string operation);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information,
        Message = "The application is stopping: the IDCloud notification for process {ProcessId} was not handled here ({Reason}); it stays in the durable inbox for another instance or the next start.")]
    public static partial void LeftInInbox(ILogger logger, string processId, string reason);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Error,
        Message = "IDCloud answered {StatusCode} when reading process {ProcessId} for its notification: the id cannot be read, so it is not retried. The notification is released.")]
    public static partial void ProcessUnreadable(ILogger logger, Exception exception, string processId, int? statusCode);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Warning,
        Message = "IDCloud webhook handler did not finish for process {ProcessId} ({Reason}); answered 503 so IDCloud delivers it again.")]
    public static partial void NotAcknowledged(ILogger logger, Exception? exception, string processId, string reason);

    [LoggerMessage(EventId = 6015, Level = LogLevel.Error,
        Message = "The IDCloud webhook inbox failed while {Operation}.")]
    public static partial void InboxFailed(ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 6016, Level = LogLevel.Warning,
        Message = "Rejected an IDCloud webhook call (400): the processId cannot be a process id (shown escaped and shortened: {ProcessId}).")]
    public static partial void ImplausibleProcessId(ILogger logger, string processId);

    [LoggerMessage(EventId = 6017, Level = LogLevel.Information,
        Message = "The application is stopping: the IDCloud webhook receiver takes no new notifications (503) and finishes {Running} running and {Queued} queued ones within the shutdown budget.")]
    public static partial void Draining(ILogger logger, int running, int queued);

    [LoggerMessage(EventId = 6018, Level = LogLevel.Information,
        Message = "The IDCloud webhook receiver stopped: {Handled} notifications handled while draining, {Dropped} not handled (each logged).")]
    public static partial void Drained(ILogger logger, int handled, int dropped);
}
