using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Unico.IdCloud.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A stand-in for a durable inbox (what a Redis stream gives): it outlives the application under test, so a test can
/// seed it with work "left by a dead instance" and read back what a stopping instance completed or returned.
/// </summary>
public sealed class DurableTestInbox : IIdCloudWebhookInbox
{
    private readonly Channel<IdCloudWebhookInboxItem> _available = Channel.CreateUnbounded<IdCloudWebhookInboxItem>();

    public ConcurrentQueue<IdCloudWebhookInboxItem> Completed { get; } = new();

    public ConcurrentQueue<IdCloudWebhookInboxItem> Returned { get; } = new();

    private volatile bool _failAdds;

    public bool FailAdds
    {
        get => _failAdds;
        set => _failAdds = value;
    }

    public bool IsDurable => true;

    public int Available => _available.Reader.Count;

    public void Seed(IdCloudWebhookInboxItem item) => _available.Writer.TryWrite(item);

    public ValueTask<bool> TryAddAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default) =>
        FailAdds ? throw new TimeoutException("inbox unreachable") : ValueTask.FromResult(_available.Writer.TryWrite(item));

    public async ValueTask<IdCloudWebhookInboxItem?> ReceiveAsync(TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (_available.Reader.TryRead(out var item))
        {
            return item;
        }

        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        await _available.Reader.WaitToReadAsync(cancellationToken);
        return _available.Reader.TryRead(out item) ? item : null;
    }

    public ValueTask CompleteAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default)
    {
        Completed.Enqueue(item);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReturnAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default)
    {
        Returned.Enqueue(item);
        return ValueTask.CompletedTask;
    }
}
