namespace Unico.IdCloud.Client.RateLimiting;

/// <summary>
/// The in-process <see cref="IIdCloudRateLimiter"/>: a sliding log of the requests admitted in the last window (one
/// second plus a safety margin). A request is admitted while fewer than its priority's limit were admitted in the
/// window and the previous admission is at least window / budget old (admissions are spread evenly); otherwise the caller waits until the oldest admission that blocks it leaves the window. A 429 pauses
/// every caller until its <c>Retry-After</c> has passed. Right for one instance; the Redis package shares the same
/// algorithm between instances and falls back to this one when Redis is unreachable.
/// </summary>
/// <remarks>The warm path (a permit free) takes a lock and allocates nothing.</remarks>
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

    // Timestamps (TimeProvider.GetTimestamp) of admissions still inside the window, oldest first; a ring of _highLimit.
    private readonly long[] _admitted;
    private int _head;
    private int _count;
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
        _admitted = new long[_highLimit];
    }

    /// <inheritdoc />
    public async ValueTask AcquireAsync(IdCloudRequestPriority priority, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wait = TryAcquire(priority);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        Pause(retryAfter);
        return ValueTask.CompletedTask;
    }

    /// <summary>Admits one request now (returns zero) or says how long to wait before asking again.</summary>
    internal TimeSpan TryAcquire(IdCloudRequestPriority priority)
    {
        var limit = priority == IdCloudRequestPriority.High ? _highLimit : _normalLimit;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (now < _pausedUntil)
            {
                return ToTimeSpan(_pausedUntil - now);
            }

            while (_count > 0 && now - _admitted[_head] >= _windowTicks)
            {
                _head = (_head + 1) % _admitted.Length;
                _count--;
            }

            if (_count > 0 && _spacingTicks > 0)
            {
                // Admissions are spread evenly over the window (see IdCloudRateLimitOptions.Spacing).
                var next = _admitted[(_head + _count - 1) % _admitted.Length] + _spacingTicks;
                if (next > now)
                {
                    return ToTimeSpan(next - now);
                }
            }

            if (_count < limit)
            {
                _admitted[(_head + _count) % _admitted.Length] = now;
                _count++;
                return TimeSpan.Zero;
            }

            // The admission that must leave the window before this priority fits again.
            var blocking = _admitted[(_head + _count - limit) % _admitted.Length];
            return ToTimeSpan(blocking + _windowTicks - now);
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
