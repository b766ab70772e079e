namespace Unico.IdCloud.Client.RateLimiting;

/// <summary>
/// The in-process <see cref="IIdCloudRateLimiter"/>. Each permit occupies one slot from its admission until one window
/// (one second plus a safety margin) after its release (see <see cref="IIdCloudRateLimiter"/> for why the release, not
/// the admission, starts the window): the occupied slots are the permits in flight plus those released less than a
/// window ago. A request is admitted while fewer slots than its priority's limit are occupied
/// and the previous admission is at least window / budget old (admissions are spread evenly); otherwise the caller
/// waits until the earliest released slot frees, or, when every occupied slot is still in flight, one window (none can
/// free sooner: a slot frees one window after its release). A 429
/// pauses every caller until its <c>Retry-After</c> has passed. Right for one instance; the Redis package shares the
/// same algorithm between instances and falls back to this one when Redis is unreachable.
/// </summary>
/// <remarks>
/// Every step is O(1) whatever the budget (a set of tickets in flight, a queue of release times, oldest first); the warm
/// path takes a lock and allocates nothing once the set and the queue have grown to the traffic's size.
/// </remarks>
internal sealed class IdCloudInProcessRateLimiter : IIdCloudRateLimiter
{
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly long _spacingTicks;
    private readonly int _highLimit;
    private readonly int _normalLimit;
    private readonly TimeSpan _defaultRetryAfter;
    private readonly TimeSpan _maxRetryAfter;
    private readonly object _gate = new();

    // The occupied slots: tickets in flight, and the release times (timestamps, in release order, so oldest first) of
    // the requests answered less than a window ago.
    private readonly HashSet<long> _inFlight = [];
    private readonly Queue<long> _released = new();
    private long _lastAdmission = long.MinValue;
    private long _lastTicket;
    private long _pausedUntil;

    /// <summary>Creates the limiter.</summary>
    /// <param name="options">The budget; validated (throws <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Configuration"/>).</param>
    /// <param name="timeProvider">The clock.</param>
    public IdCloudInProcessRateLimiter(IdCloudRateLimitOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _time = timeProvider;
        _windowTicks = (long)(options.Window.TotalSeconds * timeProvider.TimestampFrequency);
        _spacingTicks = (long)(options.Spacing.TotalSeconds * timeProvider.TimestampFrequency);
        _highLimit = options.LimitFor(IdCloudRequestPriority.High);
        _normalLimit = options.LimitFor(IdCloudRequestPriority.Normal);
        _defaultRetryAfter = options.DefaultRetryAfter;
        _maxRetryAfter = options.MaxRetryAfter;
    }

    /// <inheritdoc />
    public async ValueTask<long> AcquireAsync(IdCloudRequestPriority priority, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (ticket, wait) = TryAcquire(priority);
            if (ticket != 0)
            {
                return ticket;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Release(long ticket)
    {
        lock (_gate)
        {
            if (_inFlight.Remove(ticket))
            {
                _released.Enqueue(_time.GetTimestamp());
            }
        }
    }

    /// <inheritdoc />
    public ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        Pause(retryAfter);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Admits one request now (a ticket, never 0, and no wait) or says how long to wait before asking again (ticket 0).
    /// </summary>
    internal (long Ticket, TimeSpan Wait) TryAcquire(IdCloudRequestPriority priority)
    {
        var limit = priority == IdCloudRequestPriority.High ? _highLimit : _normalLimit;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (now < _pausedUntil)
            {
                return (0, ToTimeSpan(_pausedUntil - now));
            }

            if (_spacingTicks > 0 && _lastAdmission != long.MinValue && _lastAdmission + _spacingTicks > now)
            {
                // Admissions are spread evenly over the window (see IdCloudRateLimitOptions.Spacing).
                return (0, ToTimeSpan(_lastAdmission + _spacingTicks - now));
            }

            while (_released.TryPeek(out var oldest) && now - oldest >= _windowTicks)
            {
                _released.Dequeue();
            }

            if (_inFlight.Count + _released.Count < limit)
            {
                var ticket = ++_lastTicket;
                _inFlight.Add(ticket);
                _lastAdmission = now;
                return (ticket, TimeSpan.Zero);
            }

            // Asking again when the earliest released slot frees is enough: the loop checks the limit again then. With
            // every slot in flight, none can free sooner than one window from now, so waiters do not poll.
            return (0, ToTimeSpan((_released.TryPeek(out var earliest) ? earliest + _windowTicks : now + _windowTicks) - now));
        }
    }

    /// <summary>Nobody is admitted for <paramref name="retryAfter"/> (clamped to the configured bounds).</summary>
    internal void Pause(TimeSpan retryAfter)
    {
        var pause = Clamp(retryAfter);
        lock (_gate)
        {
            var until = _time.GetTimestamp() + (long)(pause.TotalSeconds * _time.TimestampFrequency);
            _pausedUntil = Math.Max(_pausedUntil, until);
        }
    }

    /// <summary>A missing, zero or past Retry-After means the default, never "at once"; long ones are capped.</summary>
    internal TimeSpan Clamp(TimeSpan retryAfter) =>
        retryAfter <= TimeSpan.Zero ? _defaultRetryAfter : retryAfter > _maxRetryAfter ? _maxRetryAfter : retryAfter;

    private TimeSpan ToTimeSpan(long timestampTicks) =>
        TimeSpan.FromSeconds(Math.Max(1, timestampTicks) / (double)_time.TimestampFrequency);
}
