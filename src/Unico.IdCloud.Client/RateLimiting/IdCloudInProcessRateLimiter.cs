namespace Unico.IdCloud.Client.RateLimiting;

/// <summary>
/// The in-process <see cref="IIdCloudRateLimiter"/>. Each permit occupies one slot from its admission until one window
/// (one second plus a safety margin) after its release (see <see cref="IIdCloudRateLimiter"/> for why the release, not
/// the admission, starts the window). A request is admitted while fewer slots than its priority's limit are occupied
/// and the previous admission is at least window / budget old (admissions are spread evenly); otherwise the caller
/// waits until the earliest released slot frees, or, when every occupied slot is still in flight, a short poll. A 429
/// pauses every caller until its <c>Retry-After</c> has passed. Right for one instance; the Redis package shares the
/// same algorithm between instances and falls back to this one when Redis is unreachable.
/// </summary>
/// <remarks>The warm path (a slot free) takes a lock, scans at most one slot per request of the budget, and allocates nothing.</remarks>
internal sealed class IdCloudInProcessRateLimiter : IIdCloudRateLimiter
{
    /// <summary>How long a caller waits before asking again when every occupied slot is still in flight.</summary>
    internal static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(20);

    private const long InFlight = long.MaxValue;

    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly long _spacingTicks;
    private readonly int _highLimit;
    private readonly int _normalLimit;
    private readonly TimeSpan _defaultRetryAfter;
    private readonly TimeSpan _maxRetryAfter;
    private readonly object _gate = new();

    // One slot per request of the budget: the ticket that holds it and when its request was released (InFlight while
    // it is not). A slot is free when its release is at least one window old.
    private readonly long[] _tickets;
    private readonly long[] _releasedAt;
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
        _tickets = new long[_highLimit];
        _releasedAt = new long[_highLimit];
        Array.Fill(_releasedAt, long.MinValue);
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
            for (var i = 0; i < _tickets.Length; i++)
            {
                if (_tickets[i] == ticket && _releasedAt[i] == InFlight)
                {
                    _releasedAt[i] = _time.GetTimestamp();
                    return;
                }
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

            var occupied = 0;
            var free = -1;
            var earliestFree = long.MaxValue;
            for (var i = 0; i < _releasedAt.Length; i++)
            {
                var released = _releasedAt[i];
                if (released != long.MinValue && (released == InFlight || now - released < _windowTicks))
                {
                    occupied++;
                    if (released != InFlight)
                    {
                        earliestFree = Math.Min(earliestFree, released + _windowTicks);
                    }
                }
                else if (free < 0)
                {
                    free = i;
                }
            }

            if (occupied < limit)
            {
                var ticket = ++_lastTicket;
                _tickets[free] = ticket;
                _releasedAt[free] = InFlight;
                _lastAdmission = now;
                return (ticket, TimeSpan.Zero);
            }

            // Asking again when the earliest released slot frees is enough: the loop checks the limit again then.
            return (0, earliestFree == long.MaxValue ? InFlightPoll : ToTimeSpan(earliestFree - now));
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
