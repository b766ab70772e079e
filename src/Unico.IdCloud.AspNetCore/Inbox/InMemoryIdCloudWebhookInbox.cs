using System.Threading.Channels;

namespace Unico.IdCloud.AspNetCore.Inbox;

/// <summary>
/// The default inbox: a bounded in-process queue. Not durable — what it holds is lost if the process dies — so the
/// dispatcher drains it on a graceful stop and logs every item it could not handle.
/// </summary>
internal sealed class InMemoryIdCloudWebhookInbox(int capacity) : IIdCloudWebhookInbox
{
    private readonly Channel<IdCloudWebhookInboxItem> _queue = Channel.CreateBounded<IdCloudWebhookInboxItem>(
        new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.Wait });

    public bool IsDurable => false;

    public int Count => _queue.Reader.Count;

    public ValueTask<bool> TryAddAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_queue.Writer.TryWrite(item));

    public async ValueTask<IdCloudWebhookInboxItem?> ReceiveAsync(TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        // Nothing else consumes this queue, so there is no lease to keep; waiting needs no timer: a write wakes the reader.
        while (true)
        {
            if (_queue.Reader.TryRead(out var item))
            {
                return item;
            }

            if (wait <= TimeSpan.Zero || !await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    public ValueTask CompleteAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask ReturnAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default)
    {
        // Best effort: back at the end of the queue (this instance is the only consumer).
        _queue.Writer.TryWrite(item);
        return ValueTask.CompletedTask;
    }
}
