namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Remembers which notifications were handled, so that IDCloud's at-least-once delivery runs your handler once per
/// process and state. The default is in memory (<see cref="InMemoryIdCloudWebhookDeduplicationStore"/>), which is
/// right for one instance; with several instances behind a load balancer, register a shared implementation (for
/// example Redis <c>SET key value NX PX lease</c> for the claim).
/// </summary>
/// <remarks>
/// Lifecycle of a key: <see cref="TryClaimAsync"/> → (handler runs) → <see cref="MarkHandledAsync"/> on success, or
/// <see cref="ReleaseAsync"/> when the receiver gives up, so a later delivery can try again. A claim that is
/// neither marked nor released (the process crashed) expires after its lease. Implementations must be thread-safe
/// and the claim must be atomic.
/// </remarks>
public interface IIdCloudWebhookDeduplicationStore
{
    /// <summary>Atomically claims a delivery unless it is handled or claimed (and the claim has not expired).</summary>
    /// <param name="key">The process and state.</param>
    /// <param name="lease">How long the claim holds if never marked nor released.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the caller now owns the delivery.</returns>
    ValueTask<IdCloudWebhookClaim> TryClaimAsync(IdCloudWebhookDeliveryKey key, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records that the delivery was handled; later deliveries of the same key are duplicates.</summary>
    /// <param name="key">The process and state.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when recorded.</returns>
    ValueTask MarkHandledAsync(IdCloudWebhookDeliveryKey key, CancellationToken cancellationToken = default);

    /// <summary>Gives up a claim without marking it handled, so the next delivery of the key is handled again.</summary>
    /// <param name="key">The process and state.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when released.</returns>
    ValueTask ReleaseAsync(IdCloudWebhookDeliveryKey key, CancellationToken cancellationToken = default);
}
