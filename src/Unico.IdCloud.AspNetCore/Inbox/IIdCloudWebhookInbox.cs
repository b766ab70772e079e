namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Where the receiver records an accepted notification <b>before</b> it answers IDCloud with 2xx, and where its
/// workers take notifications from to run the handler. The default is in memory (not durable: a crash loses what it
/// holds); a durable implementation — for example a Redis stream with a consumer group — makes the receiver's
/// at-least-once guarantee survive a crash and lets another instance finish the work of a dead one.
/// </summary>
/// <remarks>
/// <para>Lifecycle of an item: <see cref="TryAddAsync"/> (the receiver then answers 202) → <see cref="ReceiveAsync"/>
/// by one consumer, which holds it for a lease → <see cref="CompleteAsync"/> once handled (or given up and logged),
/// or <see cref="ReturnAsync"/> when the consumer stops before it could handle it.</para>
/// <para>A Redis stream maps one to one (<c>UseRedisWebhookInbox()</c> in Unico.IdCloud.Redis): add = <c>XADD</c>;
/// receive = <c>XAUTOCLAIM</c> of work left by a dead consumer, else <c>XREADGROUP … &gt;</c>; complete = <c>XACK</c> +
/// <c>XDEL</c>; return = added again and the old entry acknowledged, so any consumer takes it at once.
/// <see cref="IdCloudWebhookInboxItem.Receipt"/> carries the stream entry id.</para>
/// <para>Implementations must be thread-safe: several workers receive concurrently, and the endpoint adds
/// concurrently.</para>
/// </remarks>
public interface IIdCloudWebhookInbox
{
    /// <summary>
    /// Whether an added item survives the end of this process. When <see langword="false"/>, a graceful stop drains
    /// every item in this instance (within the host's shutdown budget) and logs each one it could not handle; when
    /// <see langword="true"/>, a stop finishes the items in progress and leaves the rest to other consumers.
    /// </summary>
    bool IsDurable { get; }

    /// <summary>Records an accepted notification; when this returns <see langword="true"/> the receiver answers 2xx.</summary>
    /// <param name="item">The notification, its de-duplication key and when it was received.</param>
    /// <param name="cancellationToken">Cancelled when the webhook request is aborted.</param>
    /// <returns><see langword="false"/> when the inbox is full (the receiver answers 503 so IDCloud delivers again later).
    /// Throwing also answers 503.</returns>
    ValueTask<bool> TryAddAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the next item for this consumer: one that was never received, or one whose consumer held it longer
    /// than its lease without completing it (the consumer died). The item is then held by this consumer for
    /// <paramref name="lease"/>.
    /// </summary>
    /// <param name="lease">How long no other consumer may take the item.</param>
    /// <param name="wait">
    /// How long to wait when nothing is available. <see cref="TimeSpan.Zero"/> means "only what is already there";
    /// otherwise an implementation may return <see langword="null"/> after about this long (to poll), or keep waiting
    /// until an item arrives or <paramref name="cancellationToken"/> is cancelled.
    /// </param>
    /// <param name="cancellationToken">Cancelled when the receiver stops taking work.</param>
    /// <returns>The item, or <see langword="null"/> when none is available.</returns>
    ValueTask<IdCloudWebhookInboxItem?> ReceiveAsync(TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>Removes an item for good: it was handled, or it was given up (the receiver logged that).</summary>
    /// <param name="item">An item returned by <see cref="ReceiveAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when removed.</returns>
    ValueTask CompleteAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default);

    /// <summary>Gives a received item back without handling it, so that another consumer can take it at once.</summary>
    /// <param name="item">An item returned by <see cref="ReceiveAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when returned.</returns>
    ValueTask ReturnAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default);
}
