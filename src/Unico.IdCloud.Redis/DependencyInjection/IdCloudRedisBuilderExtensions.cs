using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
        var name = builder.AccountName;
        var key = name.Length == 0 ? null : name;
        services.AddOptions<IdCloudRedisOptions>(name).Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IdCloudRedisFallback(
            sp.GetRequiredService<ILogger<IdCloudRedisFallback>>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddDataProtection();

        // One connection per account that calls AddRedis, configured from that account's options. The default
        // account's is the plain registration, a named account's is keyed by its name.
        services.TryAddKeyedSingleton(key, (sp, _) => new IdCloudRedisConnection(
            Options.Create(sp.GetRequiredService<IOptionsMonitor<IdCloudRedisOptions>>().Get(name)),
            sp.GetRequiredService<TimeProvider>()));

        // Each replaces the in-process default whichever order the registrations come in; each can be turned off.
        // The token store and the limiter are the account's own: tokens are stored under identity host, tenant and
        // account, the budget under identity host and tenant (the unit Unico counts), so accounts never share a token.
        services.RemoveAllKeyed<IIdCloudSharedTokenStore>(key);
        services.AddKeyedSingleton<IIdCloudSharedTokenStore>(key, (sp, _) => Enabled(sp, key, o => o.ShareTokens)
            ? new RedisSharedTokenStore(
                sp.GetRequiredKeyedService<IdCloudRedisConnection>(key),
                sp.GetRequiredService<IdCloudRedisFallback>(),
                sp.GetRequiredService<IDataProtectionProvider>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RedisSharedTokenStore>>())
            : NoSharedTokens.Instance);

        builder.AddRateLimiter(configureRateLimit);
        services.RemoveAllKeyed<IIdCloudRateLimiter>(key);
        services.AddKeyedSingleton<IIdCloudRateLimiter>(key, (sp, _) =>
        {
            var budget = IdCloudServiceCollectionExtensions.RateLimitOptionsOf(sp, name);
            return Enabled(sp, key, o => o.ShareRateLimit)
                ? new RedisRateLimiter(
                    sp.GetRequiredKeyedService<IdCloudRedisConnection>(key),
                    sp.GetRequiredService<IdCloudRedisFallback>(),
                    Options.Create(budget),
                    Options.Create(sp.GetRequiredService<IOptionsMonitor<IdCloudOptions>>().Get(name)),
                    sp.GetRequiredService<TimeProvider>())
                : new RateLimiting.IdCloudInProcessRateLimiter(budget, sp.GetRequiredService<TimeProvider>());
        });

        // The webhook receiver is the application's, not an account's: the default account's Redis serves it; a named
        // account's only while the default account has not called AddRedis.
        if (key is null || !services.Any(d => d.ServiceType == typeof(DefaultAccountServesWebhooks)))
        {
            if (key is null)
            {
                services.TryAddSingleton<DefaultAccountServesWebhooks>();
            }

            services.AddOptions<IdCloudWebhookOptions>();
            services.RemoveAll<IIdCloudWebhookDeduplicationStore>();
            services.AddSingleton<IIdCloudWebhookDeduplicationStore>(sp => Enabled(sp, key, o => o.ShareWebhookDeduplication)
                ? new RedisWebhookDeduplicationStore(
                    sp.GetRequiredKeyedService<IdCloudRedisConnection>(key),
                    sp.GetRequiredService<IdCloudRedisFallback>(),
                    sp.GetRequiredService<IOptions<IdCloudWebhookOptions>>(),
                    sp.GetRequiredService<TimeProvider>())
                : ActivatorUtilities.CreateInstance<InMemoryFromOptions>(sp).Store);
        }

        return builder;
    }

    private static bool Enabled(IServiceProvider services, string? key, Func<IdCloudRedisOptions, bool> feature) =>
        feature(services.GetRequiredKeyedService<IdCloudRedisConnection>(key).Options);

    /// <summary>Marks that the default account's AddRedis registered the webhook de-duplication store.</summary>
    private sealed class DefaultAccountServesWebhooks;

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
    private sealed class InMemoryFromOptions(IOptions<IdCloudWebhookOptions> options, TimeProvider time)
    {
        public InMemoryIdCloudWebhookDeduplicationStore Store { get; } =
            new(time, options.Value.DeduplicationRetention, options.Value.DeduplicationCapacity);
    }
}
