namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// The default <see cref="IIdCloudWebhookDeduplicationStore"/>: a bounded, in-process table. Handled keys are
/// remembered for a retention period; when the table is full the oldest entries are forgotten first. Time comes
/// from a <see cref="TimeProvider"/>. Right for a single application instance; entries are lost on restart.
/// </summary>
public sealed class InMemoryIdCloudWebhookDeduplicationStore : IIdCloudWebhookDeduplicationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<IdCloudWebhookDeliveryKey, Entry> _entries = [];
    private readonly Queue<(IdCloudWebhookDeliveryKey Key, long Version)> _insertionOrder = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;
    private readonly int _capacity;
    private long _version;

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="retention">How long a handled key is remembered; positive.</param>
    /// <param name="capacity">How many keys are remembered at most; positive.</param>
    public InMemoryIdCloudWebhookDeduplicationStore(TimeProvider? timeProvider, TimeSpan retention, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _retention = retention;
        _capacity = capacity;
    }

    /// <summary>How many keys are currently remembered (handled or claimed, expired ones not yet swept included).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IdCloudWebhookClaim> TryClaimAsync(IdCloudWebhookDeliveryKey key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.ExpiresAt > now)
            {
                return ValueTask.FromResult(existing.Handled ? IdCloudWebhookClaim.AlreadyHandled : IdCloudWebhookClaim.InProgress);
            }

            Set(key, handled: false, now + lease, now);
            return ValueTask.FromResult(IdCloudWebhookClaim.Claimed);
        }
    }

    /// <inheritdoc />
    public ValueTask MarkHandledAsync(IdCloudWebhookDeliveryKey key, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            Set(key, handled: true, now + _retention, now);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(IdCloudWebhookDeliveryKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing) && !existing.Handled)
            {
                _entries.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Set(IdCloudWebhookDeliveryKey key, bool handled, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (!_entries.ContainsKey(key))
        {
            MakeRoom(now);
        }

        var version = ++_version;
        _entries[key] = new Entry(handled, expiresAt, version);
        _insertionOrder.Enqueue((key, version));
        if (_insertionOrder.Count > 4 * Math.Max(_capacity, _entries.Count))
        {
            Compact();
        }
    }

    /// <summary>Drops superseded queue positions so the queue stays proportional to the table.</summary>
    private void Compact()
    {
        var live = _insertionOrder
            .Where(position => _entries.TryGetValue(position.Key, out var entry) && entry.Version == position.Version)
            .ToList();
        _insertionOrder.Clear();
        foreach (var position in live)
        {
            _insertionOrder.Enqueue(position);
        }
    }

    /// <summary>
    /// Forgets entries, oldest first: expired or superseded ones always, live ones only while the table is full.
    /// The queue may hold stale (superseded) positions; they are skipped.
    /// </summary>
    private void MakeRoom(DateTimeOffset now)
    {
        while (_insertionOrder.TryPeek(out var oldest))
        {
            var current = _entries.TryGetValue(oldest.Key, out var entry) && entry.Version == oldest.Version;
            if (current && entry.ExpiresAt > now && _entries.Count < _capacity)
            {
                break;
            }

            _insertionOrder.Dequeue();
            if (current)
            {
                _entries.Remove(oldest.Key);
            }
        }
    }

    private readonly record struct Entry(bool Handled, DateTimeOffset ExpiresAt, long Version);
}
