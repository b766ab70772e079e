namespace Unico.IdCloud.Client.Tests.TestSupport;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test says so. Timers created through it
/// (<see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>, <c>new CancellationTokenSource(delay, provider)</c>,
/// <see cref="TimeProvider.CreateTimer"/>) fire during <see cref="Advance"/> when their due time is reached, in due-time
/// order, with the clock set to each timer's due time while its callback runs.
/// </summary>
/// <remarks>
/// Written before Microsoft.Extensions.TimeProvider.Testing restored on this machine; moving these tests to its
/// FakeTimeProvider is open work (this class also lets a test await a timer's creation). Callbacks run synchronously
/// on the thread calling <see cref="Advance"/>, outside the provider's lock.
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _activeTimers = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Signal)> _timerWaiters = [];
    private DateTimeOffset _now;

    /// <summary>Starts the clock at 2025-01-01T12:00:00Z (a whole second, so <c>iat</c> arithmetic is easy to read).</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Starts the clock at <paramref name="start"/>.</summary>
    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are scheduled and not yet fired (one-shot) or disposed.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _activeTimers.Count;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? due = null;
            lock (_gate)
            {
                foreach (var timer in _activeTimers)
                {
                    if (timer.DueAt <= target && (due is null || timer.DueAt < due.DueAt))
                    {
                        due = timer;
                    }
                }

                if (due is null)
                {
                    _now = target;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt;
                }

                if (due.Period > TimeSpan.Zero)
                {
                    due.DueAt += due.Period;
                }
                else
                {
                    _activeTimers.Remove(due);
                }
            }

            due.Fire();
        }
    }

    /// <summary>Sets the clock to <paramref name="value"/> (not earlier than now), firing timers on the way.</summary>
    public void SetUtcNow(DateTimeOffset value) => Advance(value - GetUtcNow());

    /// <summary>
    /// Completes when a timer scheduled with exactly <paramref name="dueTime"/> is active: lets a test wait until code
    /// under test has started, say, its 1-second back-off before advancing the clock past it.
    /// </summary>
    /// <remarks>
    /// Fails with <see cref="TimeoutException"/> after 30 real seconds, so a broken expectation fails the test instead
    /// of hanging the run. This is a safety net, not a timing assertion.
    /// </remarks>
    public Task WaitForTimerAsync(TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (_activeTimers.Exists(t => t.ScheduledDueTime == dueTime))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _timerWaiters.Add((dueTime, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource>? released = null;
        var fireNow = false;
        lock (_gate)
        {
            _activeTimers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.ScheduledDueTime = dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.DueAt = _now + dueTime;
            if (dueTime == TimeSpan.Zero)
            {
                // Like System.Threading.Timer: a zero due time fires at once, asynchronously.
                fireNow = true;
                if (timer.Period > TimeSpan.Zero)
                {
                    timer.DueAt += timer.Period;
                    _activeTimers.Add(timer);
                }
            }
            else
            {
                _activeTimers.Add(timer);
            }

            for (var i = _timerWaiters.Count - 1; i >= 0; i--)
            {
                if (_timerWaiters[i].DueTime == dueTime)
                {
                    (released ??= []).Add(_timerWaiters[i].Signal);
                    _timerWaiters.RemoveAt(i);
                }
            }
        }

        released?.ForEach(s => s.TrySetResult());
        if (fireNow)
        {
            ThreadPool.QueueUserWorkItem(static t => t.Fire(), timer, preferLocal: false);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _activeTimers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public TimeSpan ScheduledDueTime { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
