using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Redis.Tests.Infrastructure;

/// <summary>
/// One application instance inside the test process: its own DI container, HttpClient pipeline, token cache and
/// Redis connection, wired as the README says (<c>AddIdCloud(...).AddRedis(...)</c> plus a shared key ring).
/// </summary>
public sealed class Instance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Instance(ServiceProvider services, ListLogger logs)
    {
        _services = services;
        Logs = logs;
    }

    public ListLogger Logs { get; }

    public IServiceProvider Services => _services;

    public IIdCloudProcessClient Processes => _services.GetRequiredService<IIdCloudProcessClient>();

    public IIdCloudTokenProvider Tokens => _services.GetRequiredService<IIdCloudTokenProvider>();

    internal IIdCloudRateLimiter RateLimiter => _services.GetRequiredService<IIdCloudRateLimiter>();

    public IIdCloudWebhookDeduplicationStore Deduplication => _services.GetRequiredService<IIdCloudWebhookDeduplicationStore>();

    public static Instance Start(
        EmulatedServiceAccount account,
        string redisConfiguration,
        string keyPrefix,
        string keyRing,
        Action<IdCloudRedisOptions>? redis = null,
        Action<IdCloudRateLimitOptions>? budget = null,
        Action<IServiceCollection>? services = null,
        Action<IIdCloudBuilder>? idcloud = null)
    {
        var logs = new ListLogger();
        var collection = new ServiceCollection();
        collection.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        collection.AddDataProtection().SetApplicationName("idcloud-redis-tests").PersistKeysToFileSystem(new DirectoryInfo(keyRing));
        services?.Invoke(collection);
        var builder = collection.AddIdCloud(account.ApplyTo);
        builder.AddRedis(
                o =>
                {
                    o.Configuration = redisConfiguration;
                    o.KeyPrefix = keyPrefix;
                    redis?.Invoke(o);
                },
                budget);
        idcloud?.Invoke(builder);
        return new Instance(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
