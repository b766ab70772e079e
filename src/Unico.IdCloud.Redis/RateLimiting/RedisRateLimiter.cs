using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.RateLimiting;

namespace Unico.IdCloud.Redis.RateLimiting;

/// <summary>
/// The tenant's request budget shared by every instance: a sliding log of admissions in a sorted set,
/// <c>{prefix}rate:{identityHost|tenant}</c>, kept by one atomic script that uses Redis' own clock (instances' clocks
/// never matter). A request is admitted while fewer than its priority's limit were admitted in the last window (one
/// second plus a safety margin) and the previous admission is at least window / budget old (admissions are spread
/// evenly, so a burst delayed on its way to the server cannot pile onto the next one); otherwise the script answers how long until the blocking admission leaves the window
/// and the caller waits that long (plus a little jitter, so waiters do not return in lock-step). A 429 sets
/// <c>{prefix}rate-pause:{…}</c> for its <c>Retry-After</c>, and every instance's next admission waits for it.
/// </summary>
/// <remarks>Redis unreachable: the in-process limiter with the same budget is used for that call, with a warning and a metric.</remarks>
internal sealed class RedisRateLimiter : IIdCloudRateLimiter
{
    // KEYS[1] log, KEYS[2] pause; ARGV[1] limit, ARGV[2] window ms, ARGV[3] member, ARGV[4] spacing ms.
    // Returns 0 (admitted) or the ms to wait.
    private const string AcquireScript = """
        local pause = redis.call('PTTL', KEYS[2])
        if pause > 0 then return pause end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[2])
        local limit = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local n = redis.call('ZCARD', KEYS[1])
        if n > 0 and tonumber(ARGV[4]) > 0 then
          local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
          local next = tonumber(last[2]) + tonumber(ARGV[4])
          if next > now then return next - now end
        end
        if n < limit then
          redis.call('ZADD', KEYS[1], now, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], window)
          return 0
        end
        local blocking = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
        return math.max(1, tonumber(blocking[2]) + window - now)
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
        var scope = $"{{{client.GetIdentityBaseAddress().GetLeftPart(UriPartial.Authority)}|{client.ServiceAccount.TenantId}}}";
        _keys = [$"{connection.KeyPrefix}rate:{scope}", $"{connection.KeyPrefix}rate-pause:{scope}"];
    }

    /// <summary>The sorted set of admissions (tests read it back).</summary>
    internal RedisKey LogKey => _keys[0];

    /// <inheritdoc />
    public async ValueTask AcquireAsync(IdCloudRequestPriority priority, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wait = await TryAcquireAsync(priority).ConfigureAwait(false);
            if (wait is null)
            {
                await _local.AcquireAsync(priority, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (wait.Value <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait.Value + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 15)), _time, cancellationToken).ConfigureAwait(false);
        }
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
    internal async ValueTask<TimeSpan?> TryAcquireAsync(IdCloudRequestPriority priority)
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
            var member = _instance + ":" + Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var waitMs = (long)await database.ScriptEvaluateAsync(AcquireScript, _keys, [limit, _windowMs, member, _spacingMs]).ConfigureAwait(false);
            _fallback.Succeeded(IdCloudRedisFeature.RateLimiter);
            return TimeSpan.FromMilliseconds(waitMs);
        }
#pragma warning disable CA1031 // Redis down must not fail the call: the in-process budget applies.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fallback.Degraded(IdCloudRedisFeature.RateLimiter, ex);
            return null;
        }
    }
}
