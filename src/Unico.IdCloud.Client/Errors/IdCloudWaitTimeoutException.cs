using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// A wait for a process reached its deadline before the process finished (<see cref="IdCloudErrorKind.WaitTimeout"/>).
/// A subtype because the caller gets data to act on: the process as last read (show it, or decide whether to wait
/// again), the deadline and how many reads were made. The process itself is not affected and may still finish.
/// </summary>
public sealed class IdCloudWaitTimeoutException : IdCloudException
{
    /// <summary>Creates a wait-timeout exception.</summary>
    /// <param name="message">What happened.</param>
    public IdCloudWaitTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a wait-timeout exception with the underlying cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The last failed read, when the last read failed.</param>
    public IdCloudWaitTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a wait-timeout exception with a default message.</summary>
    public IdCloudWaitTimeoutException()
    {
    }

    /// <summary>The process as last read successfully, or <see langword="null"/> when no read succeeded.</summary>
    public IdCloudProcess? LastKnownProcess { get; init; }

    /// <summary>The deadline that was reached.</summary>
    public TimeSpan Deadline { get; init; }

    /// <summary>How many times the process was read.</summary>
    public int Reads { get; init; }
}
