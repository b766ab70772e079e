using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.RateLimiting;

namespace Unico.IdCloud.Client;

/// <summary>Turns on the tenant request budget: <c>services.AddIdCloud(...).AddRateLimiter()</c>.</summary>
public static class IdCloudRateLimitingBuilderExtensions
{
    /// <summary>
    /// Makes every request of the process and signature clients take a permit from an <see cref="IIdCloudRateLimiter"/>
    /// first (default: in process, 10 requests per second with 2 reserved for creations), and pauses all of them after
    /// a 429 for its <c>Retry-After</c>. Register another <see cref="IIdCloudRateLimiter"/> (the Redis package does) to
    /// share the budget between instances. Calling it again only adds configuration.
    /// </summary>
    /// <param name="builder">The builder <c>AddIdCloud</c> returned.</param>
    /// <param name="configure">Changes the budget (for example from <c>IdCloud:RateLimit</c>).</param>
    /// <returns>The builder.</returns>
    public static IIdCloudBuilder AddRateLimiter(this IIdCloudBuilder builder, Action<IdCloudRateLimitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<IdCloudRateLimitOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(RateLimitingMarker)))
        {
            return builder;
        }

        services.AddSingleton<RateLimitingMarker>();
        services.TryAddSingleton<IIdCloudRateLimiter>(sp => new IdCloudInProcessRateLimiter(
            sp.GetRequiredService<IOptions<IdCloudRateLimitOptions>>().Value, sp.GetRequiredService<TimeProvider>()));

        // Added after AddIdCloud's handlers, so it is the innermost one: right above the socket.
        builder.ProcessApiHttpClient.AddHttpMessageHandler(CreateHandler);
        builder.SignatureApiHttpClient.AddHttpMessageHandler(CreateHandler);
        return builder;
    }

    private static IdCloudRateLimitingHandler CreateHandler(IServiceProvider services) =>
        new(services.GetRequiredService<IIdCloudRateLimiter>(), services.GetRequiredService<TimeProvider>());

    /// <summary>Registered once so the handlers are added once.</summary>
    private sealed class RateLimitingMarker;
}
