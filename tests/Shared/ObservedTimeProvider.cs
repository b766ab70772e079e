using Microsoft.Extensions.Time.Testing;

namespace Unico.IdCloud.TestSupport;

/// <summary>
/// Microsoft's <see cref="FakeTimeProvider"/> (time moves only when a test says so, timers fire inside
/// <see cref="FakeTimeProvider.Advance(TimeSpan)"/>), plus one thing it does not offer: a view of the timers the code
/// under test has armed. Tests use it to wait until the code has started a delay before advancing past it (so advancing
/// cannot race with the code arming its timer) and to assert the delay that was asked for instead of measuring
/// wall-clock time.
/// </summary>
/// <remarks>
/// Every timer is a real <see cref="FakeTimeProvider"/> timer wrapped so that arming, firing and disposing are recorded;
/// the firing itself is left to the base class. The waits fail with <see cref="TimeoutException"/> after
/// <see cref="HangGuard"/> of real time, so a broken expectation fails the test instead of hanging the run: a safety net,
/// not a timing assertion.
/// </remarks>
public sealed class ObservedTimeProvider : FakeTimeProvider
{
    /// <summary>How long a wait for a timer may take in real time before the test fails.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly List<ObservedTimer> _timers = [];
    private readonly List<TimeSpan> _requested = [];
    private readonly List<(Func<ObservedTimer, bool> Match, TaskCompletionSource<TimeSpan> Signal)> _timerWaiters = [];

    /// <summary>Starts the clock at 2025-01-01T12:00:00Z (a whole second, so <c>iat</c> arithmetic is easy to read).</summary>
    public ObservedTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Starts the clock at <paramref name="start"/>.</summary>
    public ObservedTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>How many timers are armed: created or changed with a finite due time, and not yet fired (one-shot) or disposed.</summary>
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

    /// <summary>The armed timers' due times relative to now, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            lock (_gate)
            {
                var now = GetUtcNow();
                return _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value - now).Order().ToArray();
            }
        }
    }

    /// <summary>Every finite due time any timer was armed with, in order.</summary>
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

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ObservedTimer(this);
        timer.Attach(base.CreateTimer(
            s =>
            {
                timer.OnFired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan));
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Whether a timer is armed that was asked to fire exactly <paramref name="dueTime"/> after it was armed.</summary>
    public bool HasPendingTimer(TimeSpan dueTime)
    {
        lock (_gate)
        {
            return _timers.Exists(t => t.DueAt is not null && t.RequestedDueTime == dueTime);
        }
    }

    /// <summary>Completes when a timer armed with exactly <paramref name="dueTime"/> is pending (an already armed one counts).</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime) => WaitForAsync(t => t.RequestedDueTime == dueTime);

    /// <summary>
    /// Completes with the requested due time of a pending timer whose requested due time matches
    /// <paramref name="predicate"/> (an already armed one counts).
    /// </summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> predicate) => WaitForAsync(t => predicate(t.RequestedDueTime));

    /// <summary>Completes when a timer is pending that falls due within <paramref name="within"/> from now.</summary>
    public Task WaitForTimerDueWithinAsync(TimeSpan within) => WaitForAsync(t => t.DueAt!.Value - GetUtcNow() <= within);

    /// <summary>Completes when at least <paramref name="count"/> timers are pending.</summary>
    public Task WaitForTimersAsync(int count = 1) => WaitForAsync(_ => ActiveTimerCountUnlocked() >= count);

    /// <summary>
    /// Waits until <paramref name="work"/> ends (<see langword="true"/>) or a timer is pending — one due within
    /// <paramref name="dueWithin"/> when given — (<see langword="false"/>), so a test loop can alternate between
    /// advancing the clock and letting the code run without racing it.
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

    private int ActiveTimerCountUnlocked() => _timers.Count(t => t.DueAt is not null);

    private Task<TimeSpan> WaitForAsync(Func<ObservedTimer, bool> match)
    {
        lock (_gate)
        {
            var armed = _timers.Find(t => t.DueAt is not null && match(t));
            if (armed is not null)
            {
                return Task.FromResult(armed.RequestedDueTime);
            }

            var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _timerWaiters.Add((match, signal));
            return signal.Task.WaitAsync(HangGuard, System);
        }
    }

    /// <summary>
    /// Records the arming and returns the waits it satisfies; the caller releases them only after the base timer is
    /// armed, so a test that wakes up and advances the clock cannot get ahead of the timer it waited for.
    /// </summary>
    private List<(TaskCompletionSource<TimeSpan> Signal, TimeSpan Due)>? OnArmed(ObservedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<(TaskCompletionSource<TimeSpan> Signal, TimeSpan Due)>? released = null;
        lock (_gate)
        {
            timer.RequestedDueTime = dueTime;
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return null;
            }

            timer.DueAt = GetUtcNow() + dueTime;
            _requested.Add(dueTime);
            for (var i = _timerWaiters.Count - 1; i >= 0; i--)
            {
                if (_timerWaiters[i].Match(timer))
                {
                    (released ??= []).Add((_timerWaiters[i].Signal, dueTime));
                    _timerWaiters.RemoveAt(i);
                }
            }
        }

        return released;
    }

    private void OnFired(ObservedTimer timer)
    {
        lock (_gate)
        {
            timer.DueAt = timer.Period > TimeSpan.Zero && timer.Period != Timeout.InfiniteTimeSpan
                ? timer.DueAt + timer.Period
                : null;
        }
    }

    private void OnDisposed(ObservedTimer timer)
    {
        lock (_gate)
        {
            timer.DueAt = null;
            _timers.Remove(timer);
        }
    }

    /// <summary>A <see cref="FakeTimeProvider"/> timer whose arming, firing and disposal the provider records.</summary>
    private sealed class ObservedTimer(ObservedTimeProvider owner) : ITimer
    {
        private ITimer? _inner;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public TimeSpan RequestedDueTime { get; set; }

        public void Attach(ITimer inner) => _inner = inner;

        public void OnFired() => owner.OnFired(this);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Recorded before the base timer is armed (a zero due time makes the base timer fire during Change), and the
            // waits it satisfies released after: a test released earlier could advance the clock before the base timer
            // exists, and the timer would then be armed relative to the advanced clock and never fire.
            var released = owner.OnArmed(this, dueTime, period);
            var changed = _inner!.Change(dueTime, period);
            released?.ForEach(r => r.Signal.TrySetResult(r.Due));
            return changed;
        }

        public void Dispose()
        {
            owner.OnDisposed(this);
            _inner!.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
