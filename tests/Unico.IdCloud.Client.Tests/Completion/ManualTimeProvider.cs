namespace Unico.IdCloud.Client.Tests.Completion;

/// <summary>
/// A clock that moves only when a test says so. Timers (and so <c>Task.Delay(…, timeProvider)</c> and
/// <c>new CancellationTokenSource(delay, timeProvider)</c>) fire during <see cref="Advance"/>, in due order.
/// <see cref="WaitForTimersAsync"/> lets a test wait until the code under test has started waiting, so that
/// advancing the clock cannot race with it.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(Func<List<TimeSpan>, bool> Condition, TaskCompletionSource Source)> _timerWaiters = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Timers that are scheduled to fire (created or changed with a finite due time, not disposed, not fired).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>The due times of the scheduled timers, relative to now, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            lock (_gate)
            {
                return PendingDelaysLocked();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes when at least <paramref name="count"/> timers are scheduled (hang guard: 10 s of real time).</summary>
    public Task WaitForTimersAsync(int count = 1) => WaitForScheduleAsync(delays => delays.Count >= count);

    /// <summary>Completes when a timer is scheduled to fire within <paramref name="within"/> from now (hang guard: 10 s).</summary>
    public Task WaitForTimerDueWithinAsync(TimeSpan within) => WaitForScheduleAsync(delays => delays.Any(d => d <= within));

    /// <summary>
    /// Waits until <paramref name="work"/> ends (<see langword="true"/>) or a timer is scheduled — one due within
    /// <paramref name="dueWithin"/> when given — (<see langword="false"/>). Throws <see cref="TimeoutException"/> after
    /// 10 s of real time when neither happens, so a test loop cannot spin forever.
    /// </summary>
    public async Task<bool> CompletedOrTimerAsync(Task work, TimeSpan? dueWithin = null)
    {
        var timer = dueWithin is { } within ? WaitForTimerDueWithinAsync(within) : WaitForTimersAsync();
        await Task.WhenAny(work, timer);
        if (work.IsCompleted)
        {
            return true;
        }

        await timer;
        return false;
    }

    private Task WaitForScheduleAsync(Func<List<TimeSpan>, bool> condition)
    {
        lock (_gate)
        {
            if (condition(PendingDelaysLocked()))
            {
                return Task.CompletedTask;
            }

            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _timerWaiters.Add((condition, source));
            return source.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private List<TimeSpan> PendingDelaysLocked() =>
        _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value - _now).Order().ToList();

    /// <summary>Moves the clock forward, firing every timer that comes due, in order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is not null && t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt!.Value;
                next.Reschedule(_now);
            }

            next.Fire();
        }
    }

    private void OnScheduleChanged()
    {
        List<TaskCompletionSource> ready = [];
        lock (_gate)
        {
            var delays = PendingDelaysLocked();
            for (var i = _timerWaiters.Count - 1; i >= 0; i--)
            {
                if (_timerWaiters[i].Condition(delays))
                {
                    ready.Add(_timerWaiters[i].Source);
                    _timerWaiters.RemoveAt(i);
                }
            }
        }

        foreach (var source in ready)
        {
            source.TrySetResult();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }

            owner.OnScheduleChanged();
            return true;
        }

        /// <summary>Called under the owner's lock when the timer fires.</summary>
        public void Reschedule(DateTimeOffset now) =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                _disposed = true;
                DueAt = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
