using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Redis;

/// <summary>The features that fall back to in-process behaviour when Redis is unreachable.</summary>
internal enum IdCloudRedisFeature
{
    TokenCache = 0,
    WebhookDeduplication = 1,
    RateLimiter = 2,
    WebhookInbox = 3,
}

/// <summary>
/// Records every call that fell back to in-process behaviour because Redis was unreachable: the counter
/// <c>idcloud.redis.fallbacks</c> (tag <c>feature</c>) on the <c>Unico.IdCloud</c> meter counts each one, and the log
/// says once per outage and feature what degraded (warning) and when it recovered (information).
/// </summary>
internal sealed partial class IdCloudRedisFallback : IDisposable
{
    /// <summary>The counter's name.</summary>
    public const string FallbacksInstrumentName = "idcloud.redis.fallbacks";

    private readonly ILogger<IdCloudRedisFallback> _logger;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _fallbacks;
    private readonly int[] _degraded = new int[4];

    public IdCloudRedisFallback(ILogger<IdCloudRedisFallback> logger, IMeterFactory? meterFactory = null)
    {
        _logger = logger;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(IdCloudTelemetry.MeterName) ?? new Meter(IdCloudTelemetry.MeterName);
        _fallbacks = _meter.CreateCounter<long>(FallbacksInstrumentName, "{call}", "Calls that used in-process behaviour because Redis was unreachable.");
    }

    /// <summary>Whether <paramref name="feature"/> is currently degraded.</summary>
    public bool IsDegraded(IdCloudRedisFeature feature) => Volatile.Read(ref _degraded[(int)feature]) == 1;

    /// <summary>One call of <paramref name="feature"/> used its fallback.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="cause">The Redis failure, or <see langword="null"/> when not connected.</param>
    /// <param name="count">Whether the call is counted: polls that found Redis down are logged, not counted.</param>
    public void Degraded(IdCloudRedisFeature feature, Exception? cause, bool count = true)
    {
        if (count)
        {
            _fallbacks.Add(1, new KeyValuePair<string, object?>("feature", Name(feature)));
        }

        if (Interlocked.Exchange(ref _degraded[(int)feature], 1) == 0 && _logger.IsEnabled(LogLevel.Warning))
        {
            // The exception type only: Redis messages can carry the endpoint and its configuration.
            var causeName = cause is null ? "not connected" : cause.GetType().Name;
            var name = Name(feature);
            var fallback = FallbackOf(feature);
            Log.RedisDegraded(_logger, name, fallback, causeName);
        }
    }

    /// <summary>A call of <paramref name="feature"/> reached Redis again.</summary>
    public void Succeeded(IdCloudRedisFeature feature)
    {
        if (Volatile.Read(ref _degraded[(int)feature]) == 1 && Interlocked.Exchange(ref _degraded[(int)feature], 0) == 1
            && _logger.IsEnabled(LogLevel.Information))
        {
            var name = Name(feature);
            Log.RedisRecovered(_logger, name);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string Name(IdCloudRedisFeature feature) => feature switch
    {
        IdCloudRedisFeature.TokenCache => "token-cache",
        IdCloudRedisFeature.WebhookDeduplication => "webhook-deduplication",
        IdCloudRedisFeature.WebhookInbox => "webhook-inbox",
        _ => "rate-limiter",
    };

    private static string FallbackOf(IdCloudRedisFeature feature) => feature switch
    {
        IdCloudRedisFeature.TokenCache => "each instance requests and caches its own access token",
        IdCloudRedisFeature.WebhookDeduplication => "notifications are de-duplicated within this instance only",
        IdCloudRedisFeature.WebhookInbox => "accepted notifications are kept in this instance's memory (not durable: a crash loses them; a graceful stop moves them to Redis if it is back, else logs each one) and handled here",
        _ => "this instance limits its own requests to the whole tenant budget (the fleet may exceed it; 429s then pause this instance)",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, EventName = "IdCloudRedisDegraded", Level = LogLevel.Warning,
            Message = "Redis is unreachable ({Cause}): the IDCloud {Feature} degraded to in-process behaviour: {Fallback}.")]
        public static partial void RedisDegraded(ILogger logger, string feature, string fallback, string cause);

        [LoggerMessage(EventId = 7002, EventName = "IdCloudRedisRecovered", Level = LogLevel.Information,
            Message = "Redis is reachable again: the IDCloud {Feature} is shared between instances again.")]
        public static partial void RedisRecovered(ILogger logger, string feature);
    }
}
