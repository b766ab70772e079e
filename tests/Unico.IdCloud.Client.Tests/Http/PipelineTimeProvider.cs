namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>
/// A clock that only moves when the test says so. Timers (Task.Delay, CancellationTokenSource.CancelAfter, Polly's
/// delays and timeouts) fire synchronously inside <see cref="Advance"/>. Tests can wait until the code under test has
/// asked for a particular delay, which lets them assert the delay requested instead of measuring wall-clock time.
/// </summary>
internal sealed class PipelineTimeProvider : TimeProvider
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(Func<TimeSpan, bool> Predicate, TaskCompletionSource<TimeSpan> Completion)> _waiters = [];
    private readonly List<TimeSpan> _requested = [];
    private DateTimeOffset _now;

    public PipelineTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every due time any timer was (re)armed with, in order.</summary>
    public IReadOnlyList<TimeSpan> RequestedDueTimes
    {
        get
        {
            lock (_gate)
            {
                return _requested.ToArray();
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Whether an armed timer was asked to fire exactly <paramref name="dueTime"/> after it was armed.</summary>
    public bool HasPendingTimer(TimeSpan dueTime)
    {
        lock (_gate)
        {
            return _timers.Any(t => t.RequestedDueTime == dueTime && t.DueAt is not null);
        }
    }

    /// <summary>
    /// Completes when an armed timer's requested due time matches <paramref name="predicate"/> (an already armed one
    /// counts). Fails the test instead of hanging forever if that never happens.
    /// </summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> predicate)
    {
        TaskCompletionSource<TimeSpan> completion;
        lock (_gate)
        {
            var armed = _timers.FirstOrDefault(t => t.DueAt is not null && predicate(t.RequestedDueTime));
            if (armed is not null)
            {
                return Task.FromResult(armed.RequestedDueTime);
            }

            completion = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, completion));
        }

        return completion.Task.WaitAsync(HangGuard);
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way (in due order).</summary>
    public void Advance(TimeSpan delta)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is not null && t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt!.Value;
                next.DueAt = next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan ? _now + next.Period : null;
            }

            next.Fire();
        }
    }

    private void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource<TimeSpan>> toComplete = [];
        lock (_gate)
        {
            timer.Period = period;
            timer.RequestedDueTime = dueTime;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }

            timer.DueAt = _now + dueTime;
            _requested.Add(dueTime);
            if (!_timers.Contains(timer))
            {
                _timers.Add(timer);
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Predicate(dueTime))
                {
                    toComplete.Add(_waiters[i].Completion);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var completion in toComplete)
        {
            completion.TrySetResult(dueTime);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(PipelineTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public TimeSpan RequestedDueTime { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Arm(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
