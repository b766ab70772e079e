using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.RateLimiting;

namespace Unico.IdCloud.Redis.RateLimiting;

/// <summary>
/// The tenant's request budget shared by every instance, kept by atomic scripts that use Redis' own clock (instances'
/// clocks never matter). Each permit is a member of the sorted set <c>{prefix}rate:{identityHost|tenant}</c> whose
/// score is when its slot frees: one window (one second plus a safety margin) after the request's answer arrived, as
/// <see cref="IIdCloudRateLimiter"/> explains; while the request is in flight, the end of a lease instead. A request
/// is admitted while fewer members than its priority's limit are in the set and the previous admission (kept in
/// <c>{prefix}rate-last:{…}</c>) is at least window / budget old, so admissions are spread evenly; otherwise the script
/// answers how long until the earliest released slot frees (one window when every slot is in flight) and the
/// caller waits that long plus a little jitter, so waiters do not return in lock-step. A 429 sets
/// <c>{prefix}rate-pause:{…}</c> for its <c>Retry-After</c>, and every instance's next admission waits for it.
/// </summary>
/// <remarks>
/// <para>
/// The lease is <see cref="IdCloudResilienceOptions.TotalTimeout"/> (default 60 s), the longest a call's attempts may
/// take: an instance that dies mid-request, or a release lost with its connection, holds one slot no longer than that.
/// </para>
/// <para>Redis unreachable: the in-process limiter with the same budget is used for that call, with a warning and a metric.</para>
/// </remarks>
internal sealed class RedisRateLimiter : IIdCloudRateLimiter
{
    // KEYS[1] slots, KEYS[2] pause, KEYS[3] last admission; ARGV[1] limit, ARGV[2] window ms, ARGV[3] member,
    // ARGV[4] spacing ms, ARGV[5] lease ms. Returns 0 (admitted) or the ms to wait, never more than spacing for the
    // spacing: the last admission can lie ahead of this Redis' clock (written by a primary whose clock was ahead before a
    // failover, or before this host's clock stepped back), and waiting that gap would stall every caller for nothing.
    // A member scored beyond now + window
    // is still in flight (released ones free at most one window from now); when the earliest is, every slot is in
    // flight and none can free sooner than one window from now, so waiters wait that long instead of polling.
    private const string AcquireScript = """
        local pause = redis.call('PTTL', KEYS[2])
        if pause > 0 then return pause end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[2])
        local spacing = tonumber(ARGV[4])
        local lease = tonumber(ARGV[5])
        if spacing > 0 then
          local last = redis.call('GET', KEYS[3])
          if last and tonumber(last) + spacing > now then return math.min(spacing, tonumber(last) + spacing - now) end
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('ZADD', KEYS[1], now + lease + window, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], lease + window)
          if spacing > 0 then redis.call('SET', KEYS[3], now, 'PX', spacing) end
          return 0
        end
        local first = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
        if first > now + window then return window end
        return math.max(1, first - now)
        """;

    // KEYS[1] slots; ARGV[1] window ms, ARGV[2] member. The slot frees one window from now, but only a slot this permit
    // still holds, and only ever sooner: a release for a permit never taken (an admission whose answer was lost), one
    // whose lease already ended (the slot freed and may be another request's by now) or a second release of the same
    // permit would otherwise occupy a slot nobody holds, or hold one longer. Moving a score earlier never needs a longer
    // TTL: the admission set the key's TTL to cover the whole lease. Returns 1 when the slot moved, else 0.
    private const string ReleaseScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[1])
        local ends = redis.call('ZSCORE', KEYS[1], ARGV[2])
        if not ends or tonumber(ends) <= now + window then return 0 end
        redis.call('ZADD', KEYS[1], now + window, ARGV[2])
        return 1
        """;

    // KEYS[1] pause; ARGV[1] ms. Only ever lengthens the pause.
    private const string PauseScript = """
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
        return 1
        """;

    private readonly IdCloudRedisConnection _connection;
    private readonly IdCloudRedisFallback _fallback;
    private readonly IdCloudInProcessRateLimiter _local;
    private readonly TimeProvider _time;
    private readonly RedisKey[] _keys;
    private readonly long _windowMs;
    private readonly long _highLimit;
    private readonly long _normalLimit;
    private readonly long _spacingMs;
    private readonly long _leaseMs;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private long _sequence;

    public RedisRateLimiter(
        IdCloudRedisConnection connection,
        IdCloudRedisFallback fallback,
        IOptions<IdCloudRateLimitOptions> options,
        IOptions<IdCloudOptions> clientOptions,
        TimeProvider timeProvider)
    {
        _connection = connection;
        _fallback = fallback;
        _time = timeProvider;
        var budget = options.Value;
        _local = new IdCloudInProcessRateLimiter(budget, timeProvider);
        _windowMs = (long)budget.Window.TotalMilliseconds;
        _highLimit = budget.LimitFor(IdCloudRequestPriority.High);
        _normalLimit = budget.LimitFor(IdCloudRequestPriority.Normal);
        _spacingMs = (long)budget.Spacing.TotalMilliseconds;
        var client = clientOptions.Value;
        _leaseMs = (long)client.Resilience.TotalTimeout.TotalMilliseconds;
        var scope = $"{{{client.GetIdentityBaseAddress().GetLeftPart(UriPartial.Authority)}|{client.ServiceAccount.TenantId}}}";
        _keys = [$"{connection.KeyPrefix}rate:{scope}", $"{connection.KeyPrefix}rate-pause:{scope}", $"{connection.KeyPrefix}rate-last:{scope}"];
    }

    /// <summary>The sorted set of occupied slots (tests read it back).</summary>
    internal RedisKey LogKey => _keys[0];

    /// <inheritdoc />
    /// <remarks>Tickets of admissions Redis granted are positive; those the in-process fallback granted are negated.</remarks>
    public async ValueTask<long> AcquireAsync(IdCloudRequestPriority priority, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ticket = Interlocked.Increment(ref _sequence);
            var wait = await TryAcquireAsync(priority, ticket).ConfigureAwait(false);
            if (wait is null)
            {
                return -await _local.AcquireAsync(priority, cancellationToken).ConfigureAwait(false);
            }

            if (wait.Value <= TimeSpan.Zero)
            {
                return ticket;
            }

            await Task.Delay(wait.Value + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 15)), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Release(long ticket)
    {
        if (ticket < 0)
        {
            _local.Release(-ticket);
            return;
        }

        // Fire and forget: the caller's answer is not held up by Redis, and a release that is lost (Redis down, the
        // connection dropped) only keeps the slot until its lease ends.
        _ = ReleaseInRedisAsync(ticket);
    }

    /// <inheritdoc />
    public async ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var pause = _local.Clamp(retryAfter);
        _local.Pause(pause);
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            _fallback.Degraded(IdCloudRedisFeature.RateLimiter, null);
            return;
        }

        try
        {
            await database.ScriptEvaluateAsync(PauseScript, [_keys[1]], [(long)pause.TotalMilliseconds]).ConfigureAwait(false);
            _fallback.Succeeded(IdCloudRedisFeature.RateLimiter);
        }
#pragma warning disable CA1031 // Paused locally at least.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fallback.Degraded(IdCloudRedisFeature.RateLimiter, ex);
        }
    }

    /// <summary>Zero when admitted, the wait otherwise, or <see langword="null"/> when Redis is unreachable.</summary>
    internal async ValueTask<TimeSpan?> TryAcquireAsync(IdCloudRequestPriority priority, long ticket)
    {
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            _fallback.Degraded(IdCloudRedisFeature.RateLimiter, null);
            return null;
        }

        try
        {
            var limit = priority == IdCloudRequestPriority.High ? _highLimit : _normalLimit;
            var waitMs = (long)await database.ScriptEvaluateAsync(AcquireScript, _keys, [limit, _windowMs, MemberOf(ticket), _spacingMs, _leaseMs]).ConfigureAwait(false);
            _fallback.Succeeded(IdCloudRedisFeature.RateLimiter);
            return TimeSpan.FromMilliseconds(waitMs);
        }
#pragma warning disable CA1031 // Redis down must not fail the call: the in-process budget applies.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // A timeout does not mean the script did not run: Redis may admit this ticket after the answer was given up
            // (a paused or slow server), and nobody would release it, so its slot would stay taken for the whole lease.
            // The release goes out on the same connection after the admission, so it lands after it; for a ticket never
            // admitted it does nothing.
            _ = ReleaseInRedisAsync(ticket, countFailure: false);
            _fallback.Degraded(IdCloudRedisFeature.RateLimiter, ex);
            return null;
        }
    }

    /// <summary>Moves <paramref name="ticket"/>'s slot end to one window from now in Redis (tests await it).</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="countFailure">
    /// Whether a failure counts as a fallback call: not for the release that follows a failed admission, whose call
    /// was already counted once.
    /// </param>
    internal async Task ReleaseInRedisAsync(long ticket, bool countFailure = true)
    {
        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            if (database is not null)
            {
                await database.ScriptEvaluateAsync(ReleaseScript, [_keys[0]], [_windowMs, MemberOf(ticket)]).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A lost release only keeps one slot until its lease ends; it must never surface.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fallback.Degraded(IdCloudRedisFeature.RateLimiter, ex, countFailure);
        }
    }

    private RedisValue MemberOf(long ticket) =>
        _instance + ":" + ticket.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
