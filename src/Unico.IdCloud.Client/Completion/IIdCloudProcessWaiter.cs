using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>Waits until a process is done, by polling and — when the webhook is received in this application — at once.</summary>
public interface IIdCloudProcessWaiter
{
    /// <summary>
    /// Returns the process once it is done: <see cref="ProcessState.Finished"/>, or the deprecated terminal states
    /// <see cref="ProcessState.Failed"/> and <see cref="ProcessState.Canceled"/>. Read the verdict with
    /// <c>process.Interpret()</c>.
    /// </summary>
    /// <remarks>
    /// The process is read at once, then with exponential backoff and full jitter (<see cref="IdCloudWaitOptions"/>). A
    /// webhook notification for the process received by this application (through <see cref="IIdCloudCompletionNotifier"/>,
    /// which the <c>Unico.IdCloud.AspNetCore</c> receiver calls) triggers a read at once. Rate limiting (429) and
    /// transient failures do not end the wait: the next read waits at least as long as <c>Retry-After</c> asks.
    /// Other failures (unknown process, permissions, authentication) end it with their exception. A process that waits
    /// for the person's document (<see cref="ProcessState.AwaitingForDocument"/>) ends it at once too: only the caller
    /// can move it on, with <c>SetProcessDocumentAsync</c>.
    /// </remarks>
    /// <param name="processId">The process to wait for.</param>
    /// <param name="options">Polling settings; the registered defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The finished process.</returns>
    /// <exception cref="ArgumentException"><paramref name="processId"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> holds unusable values.</exception>
    /// <exception cref="IdCloudWaitTimeoutException">The deadline passed first (<see cref="IdCloudErrorKind.WaitTimeout"/>; <see cref="IdCloudWaitTimeoutException.LastKnownProcess"/> is the process as last read).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="IdCloudException">A read failed in a way waiting cannot fix; or the process waits for the person's document (<see cref="IdCloudErrorKind.FailedPrecondition"/>: send it, then wait again).</exception>
    Task<IdCloudProcess> WaitForCompletionAsync(string processId, IdCloudWaitOptions? options = null, CancellationToken cancellationToken = default);
}
