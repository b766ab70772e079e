namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Lists the processes your application created and has not yet seen finished — usually a query on your own table
/// of processes ("created, no outcome recorded yet"). The webhook reconciler reads each of them with
/// <c>GetProcess</c> and hands the finished ones to your <see cref="IIdCloudWebhookHandler"/>, exactly as if the
/// webhook had arrived; your handler records the outcome, so the process is not listed again.
/// </summary>
/// <remarks>Unico's own advice: the webhook complements, it does not replace, <c>GetProcess</c>. This is the fallback.</remarks>
public interface IIdCloudOpenProcessSource
{
    /// <summary>The ids of open processes created before <paramref name="createdBefore"/>, oldest first if you can.</summary>
    /// <param name="createdBefore">Younger processes are skipped: their webhook may still be on its way.</param>
    /// <param name="cancellationToken">Cancelled when the application stops.</param>
    /// <returns>The process ids.</returns>
    IAsyncEnumerable<string> GetOpenProcessIdsAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default);
}
