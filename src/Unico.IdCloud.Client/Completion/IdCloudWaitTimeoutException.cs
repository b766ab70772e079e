using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// <see cref="IIdCloudProcessWaiter.WaitForCompletionAsync"/> reached its deadline before the process finished
/// (<see cref="IdCloudErrorKind.WaitTimeout"/>). The process is not affected: it may still finish later; wait
/// again, rely on the webhook, or treat it as abandoned.
/// </summary>
public sealed class IdCloudWaitTimeoutException : IdCloudException
{
    /// <summary>Creates a wait-timeout exception.</summary>
    /// <param name="processId">The process that did not finish in time.</param>
    /// <param name="deadline">The deadline that was reached.</param>
    /// <param name="lastKnownProcess">The last successful read, if any.</param>
    /// <param name="reads">How many times the process was read.</param>
    /// <param name="innerException">The last failed read, when the last read failed.</param>
    public IdCloudWaitTimeoutException(string processId, TimeSpan deadline, IdCloudProcess? lastKnownProcess, int reads, Exception? innerException = null)
        : base(BuildMessage(processId, deadline, lastKnownProcess), innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processId);
        Kind = IdCloudErrorKind.WaitTimeout;
        ProcessId = processId;
        Deadline = deadline;
        LastKnownProcess = lastKnownProcess;
        Reads = reads;
    }

    /// <summary>Creates a wait-timeout exception with a message (prefer the other constructor).</summary>
    /// <param name="message">What happened.</param>
    public IdCloudWaitTimeoutException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates a wait-timeout exception with a message and cause (prefer the other constructor).</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudWaitTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = IdCloudErrorKind.WaitTimeout;
        ProcessId = string.Empty;
    }

    /// <summary>Creates a wait-timeout exception with a default message (prefer the other constructor).</summary>
    public IdCloudWaitTimeoutException()
        : this("The wait for an IDCloud process reached its deadline.")
    {
    }

    /// <summary>The process waited for.</summary>
    public string ProcessId { get; }

    /// <summary>The deadline that was reached.</summary>
    public TimeSpan Deadline { get; }

    /// <summary>The process as last read (normally still <see cref="ProcessState.Created"/>), or <see langword="null"/> when no read succeeded.</summary>
    public IdCloudProcess? LastKnownProcess { get; }

    /// <summary>How many times the process was read during the wait.</summary>
    public int Reads { get; }

    private static string BuildMessage(string processId, TimeSpan deadline, IdCloudProcess? last) =>
        $"IDCloud process {processId} did not finish within {deadline}; last known state: {(last?.State is { } state ? state.Value : "unknown (no successful read)")}.";
}
