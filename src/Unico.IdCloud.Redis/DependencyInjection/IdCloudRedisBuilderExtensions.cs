using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Redis;
using Unico.IdCloud.Redis.RateLimiting;
using Unico.IdCloud.Redis.Tokens;
using Unico.IdCloud.Redis.Webhooks;

namespace Unico.IdCloud.Client;

/// <summary>Shares the SDK's state between instances through Redis: <c>services.AddIdCloud(...).AddRedis(...)</c>.</summary>
public static class IdCloudRedisBuilderExtensions
{
    /// <summary>
    /// Makes every instance of the application share, through Redis: one access token per service account (one token
    /// request per token lifetime for the whole fleet), the webhook receiver's de-duplication (a notification is
    /// handled once, whichever instance receives it), and the tenant's request budget (<see cref="IIdCloudRateLimiter"/>,
    /// turned on here). Tokens are protected at rest with ASP.NET Core Data Protection: every instance must share its
    /// key ring and application name (for example <c>services.AddDataProtection().SetApplicationName("my-app")
    /// .PersistKeysToStackExchangeRedis(...)</c>). When Redis is unreachable each piece falls back to in-process
    /// behaviour, logs a warning and counts <c>idcloud.redis.fallbacks</c>; no call fails because of it.
    /// </summary>
    /// <param name="builder">The builder <c>AddIdCloud</c> returned.</param>
    /// <param name="configure">Sets <see cref="IdCloudRedisOptions.Configuration"/> and optional settings.</param>
    /// <param name="configureRateLimit">Changes the tenant budget (default 10 requests per second).</param>
    /// <returns>The builder.</returns>
    public static IIdCloudBuilder AddRedis(
        this IIdCloudBuilder builder,
        Action<IdCloudRedisOptions> configure,
        Action<IdCloudRateLimitOptions>? configureRateLimit = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<IdCloudRedisOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdCloudRedisConnection>();
        services.TryAddSingleton(sp => new IdCloudRedisFallback(
            sp.GetRequiredService<ILogger<IdCloudRedisFallback>>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddDataProtection();

        // Each replaces the in-process default whichever order the registrations come in; each can be turned off.
        services.RemoveAll<IIdCloudSharedTokenStore>();
        services.AddSingleton<IIdCloudSharedTokenStore>(sp => Enabled(sp, o => o.ShareTokens)
            ? ActivatorUtilities.CreateInstance<RedisSharedTokenStore>(sp)
            : NoSharedTokens.Instance);

        builder.AddRateLimiter(configureRateLimit);
        services.RemoveAll<IIdCloudRateLimiter>();
        services.AddSingleton<IIdCloudRateLimiter>(sp => Enabled(sp, o => o.ShareRateLimit)
            ? ActivatorUtilities.CreateInstance<RedisRateLimiter>(sp)
            : new RateLimiting.IdCloudInProcessRateLimiter(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdCloudRateLimitOptions>>().Value,
                sp.GetRequiredService<TimeProvider>()));

        services.AddOptions<IdCloudWebhookOptions>();
        services.RemoveAll<IIdCloudWebhookDeduplicationStore>();
        services.AddSingleton<IIdCloudWebhookDeduplicationStore>(sp => Enabled(sp, o => o.ShareWebhookDeduplication)
            ? ActivatorUtilities.CreateInstance<RedisWebhookDeduplicationStore>(sp)
            : ActivatorUtilities.CreateInstance<InMemoryFromOptions>(sp).Store);
        return builder;
    }

    private static bool Enabled(IServiceProvider services, Func<IdCloudRedisOptions, bool> feature) =>
        feature(services.GetRequiredService<IdCloudRedisConnection>().Options);

    /// <summary>Turned off: a store that never has a token and always grants a local lease.</summary>
    private sealed class NoSharedTokens : IIdCloudSharedTokenStore, IIdCloudSharedTokenLease
    {
        public static readonly NoSharedTokens Instance = new();

        public ValueTask<IdCloudAccessToken?> GetAsync(IdCloudTokenCacheKey key, CancellationToken cancellationToken) => ValueTask.FromResult<IdCloudAccessToken?>(null);

        public ValueTask<IIdCloudSharedTokenLease?> TryAcquireLeaseAsync(IdCloudTokenCacheKey key, CancellationToken cancellationToken) => ValueTask.FromResult<IIdCloudSharedTokenLease?>(this);

        public ValueTask RemoveAsync(IdCloudTokenCacheKey key, IdCloudAccessToken token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishAsync(IdCloudAccessToken token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>The receiver's own in-memory default, built from its options.</summary>
    private sealed class InMemoryFromOptions(Microsoft.Extensions.Options.IOptions<IdCloudWebhookOptions> options, TimeProvider time)
    {
        public InMemoryIdCloudWebhookDeduplicationStore Store { get; } =
            new(time, options.Value.DeduplicationRetention, options.Value.DeduplicationCapacity);
    }
}
