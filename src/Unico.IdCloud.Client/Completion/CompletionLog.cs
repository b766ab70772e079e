using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Client;

/// <summary>Log lines of the completion helpers. Process and document ids are opaque UUIDs; nothing personal is logged.</summary>
internal static partial class CompletionLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Debug, Message = "Process {ProcessId} is {State} after {Reads} read(s); next read in {Delay} unless a notification arrives.")]
    public static partial void StillWaiting(ILogger logger, string processId, string state, int reads, TimeSpan delay);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Reading process {ProcessId} failed ({Kind}); the wait goes on, next read in {Delay}.")]
    public static partial void TransientReadFailure(ILogger logger, Exception exception, string processId, IdCloudErrorKind kind, TimeSpan delay);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Debug, Message = "A notification for process {ProcessId} arrived; reading it now.")]
    public static partial void Notified(ILogger logger, string processId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Process {ProcessId} is done ({State}) after {Reads} read(s).")]
    public static partial void Done(ILogger logger, string processId, string state, int reads);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "The wait for process {ProcessId} reached its deadline ({Deadline}) after {Reads} read(s).")]
    public static partial void DeadlineReached(ILogger logger, string processId, TimeSpan deadline, int reads);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Process {ProcessId} waits for the person's document after {Reads} read(s); the wait ends: send it with SetProcessDocument, then wait again.")]
    public static partial void AwaitingDocument(ILogger logger, string processId, int reads);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "{Artifact} of document {DocumentId} is not available yet (attempt {Attempt} of {MaxAttempts}, {Kind}); trying again in {Delay}.")]
    public static partial void ArtifactNotReady(ILogger logger, string artifact, string documentId, int attempt, int maxAttempts, IdCloudErrorKind kind, TimeSpan delay);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "{Artifact} of document {DocumentId} was still not available after {Attempts} attempts.")]
    public static partial void ArtifactGaveUp(ILogger logger, string artifact, string documentId, int attempts);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Information, Message = "Downloaded {Count} artifact(s) of process {ProcessId} ({Skipped} skipped).")]
    public static partial void DownloadedAll(ILogger logger, string processId, int count, int skipped);

    [LoggerMessage(EventId = 6113, Level = LogLevel.Warning, Message = "Skipped the {Artifact} of process {ProcessId}: {Reason}.")]
    public static partial void ArtifactSkipped(ILogger logger, string artifact, string processId, string reason);
}
