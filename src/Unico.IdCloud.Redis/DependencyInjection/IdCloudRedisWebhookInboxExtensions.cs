using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Redis;
using Unico.IdCloud.Redis.Webhooks;

namespace Unico.IdCloud.Client;

/// <summary>Makes the webhook receiver's inbox durable: <c>services.AddIdCloud(...).AddRedis(...).UseRedisWebhookInbox()</c>.</summary>
public static class IdCloudRedisWebhookInboxExtensions
{
    /// <summary>
    /// Records every accepted webhook notification in a Redis stream before IDCloud gets its 2xx, and lets every
    /// instance of the application take notifications from it (a consumer group): a notification accepted by an
    /// instance that is then killed is handled by another one after
    /// <see cref="IdCloudRedisWebhookInboxOptions.TakeOverAfter"/>. Replaces the receiver's in-memory inbox (used with
    /// <see cref="IdCloudWebhookAcknowledgement.AfterRecording"/>, the default). Call after <c>AddRedis(...)</c>; the
    /// options are checked when the application starts. When Redis is unreachable the inbox keeps working in memory
    /// (<see cref="IdCloudRedisWebhookInboxOptions.FallBackToMemory"/>), logged and counted.
    /// </summary>
    /// <param name="builder">The builder <c>AddIdCloud(...).AddRedis(...)</c> returned.</param>
    /// <param name="configure">Changes the defaults (take-over after 1 min, poll every 1 s, 5 deliveries, 10 000 entries).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddRedis(...)</c> was not called first.</exception>
    public static IIdCloudBuilder UseRedisWebhookInbox(this IIdCloudBuilder builder, Action<IdCloudRedisWebhookInboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var connections = services.Where(d => d.ServiceType == typeof(IdCloudRedisConnection)).ToList();
        if (connections.Count == 0)
        {
            throw new InvalidOperationException("UseRedisWebhookInbox() needs the Redis connection: call AddRedis(...) before it.");
        }

        // The receiver is the application's, not an account's: the inbox uses the plain (default) connection when there
        // is one at resolution time, else the connection registered first (a connection keyed by an account's name).
        var fallbackKey = connections.FirstOrDefault(d => d.IsKeyedService)?.ServiceKey;

        var options = services.AddOptions<IdCloudRedisWebhookInboxOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdCloudRedisWebhookInboxOptions>, Validator>());
        options.ValidateOnStart();
        services.AddOptions<IdCloudWebhookOptions>();

        // Replaces the in-memory default whichever order AddIdCloudWebhook comes in (it only adds one when none is there).
        services.RemoveAll<IIdCloudWebhookInbox>();
        services.TryAddSingleton(sp => new RedisWebhookInbox(
            sp.GetService<IdCloudRedisConnection>() ?? sp.GetRequiredKeyedService<IdCloudRedisConnection>(fallbackKey),
            sp.GetRequiredService<IdCloudRedisFallback>(),
            sp.GetRequiredService<IIdCloudWebhookDeduplicationStore>(),
            sp.GetRequiredService<IOptions<IdCloudRedisWebhookInboxOptions>>(),
            sp.GetRequiredService<IOptions<IdCloudWebhookOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RedisWebhookInbox>>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<IIdCloudWebhookInbox>(static sp => sp.GetRequiredService<RedisWebhookInbox>());
        return builder;
    }

    private sealed class Validator : IValidateOptions<IdCloudRedisWebhookInboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, IdCloudRedisWebhookInboxOptions options)
        {
            var problems = options.Problems();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
