namespace Unico.IdCloud.Client;

/// <summary>
/// The in-process meeting point between the webhook receiver and <see cref="IIdCloudProcessWaiter"/>: waiters
/// register interest in a process id, notifications wake them. Register one instance as a singleton (the DI
/// extensions do) and share it; it holds no state for processes nobody waits for.
/// </summary>
/// <remarks>
/// A notification that arrives before anyone waits is not remembered: a waiter registers first and then reads the
/// process, so a process that finished earlier is seen by that first read. Process ids match case-insensitively.
/// </remarks>
internal sealed class IdCloudCompletionSignals : IIdCloudCompletionNotifier
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<TaskCompletionSource<IdCloudWebhookNotification>>> _waiters =
        new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void NotifyFinished(IdCloudWebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        List<TaskCompletionSource<IdCloudWebhookNotification>>? woken;
        lock (_gate)
        {
            if (!_waiters.Remove(notification.ProcessId, out woken))
            {
                return;
            }
        }

        // Completed outside the lock; continuations run asynchronously, so a waiter never runs on the notifier's thread.
        foreach (var waiter in woken)
        {
            waiter.TrySetResult(notification);
        }
    }

    /// <summary>How many processes currently have at least one waiter (for diagnostics and tests).</summary>
    internal int WatchedProcessCount
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>Registers interest in one process; dispose the registration when no longer waiting.</summary>
    internal Registration Register(string processId)
    {
        var source = new TaskCompletionSource<IdCloudWebhookNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_waiters.TryGetValue(processId, out var list))
            {
                list = [];
                _waiters.Add(processId, list);
            }

            list.Add(source);
        }

        return new Registration(this, processId, source);
    }

    private void Unregister(string processId, TaskCompletionSource<IdCloudWebhookNotification> source)
    {
        lock (_gate)
        {
            if (_waiters.TryGetValue(processId, out var list) && list.Remove(source) && list.Count == 0)
            {
                _waiters.Remove(processId);
            }
        }
    }

    /// <summary>One waiter's interest in one process.</summary>
    internal sealed class Registration : IDisposable
    {
        private readonly IdCloudCompletionSignals _owner;
        private readonly string _processId;
        private readonly TaskCompletionSource<IdCloudWebhookNotification> _source;

        internal Registration(IdCloudCompletionSignals owner, string processId, TaskCompletionSource<IdCloudWebhookNotification> source)
        {
            _owner = owner;
            _processId = processId;
            _source = source;
        }

        /// <summary>Completes when a notification for the process arrives.</summary>
        public Task<IdCloudWebhookNotification> Notified => _source.Task;

        /// <inheritdoc />
        public void Dispose() => _owner.Unregister(_processId, _source);
    }
}
