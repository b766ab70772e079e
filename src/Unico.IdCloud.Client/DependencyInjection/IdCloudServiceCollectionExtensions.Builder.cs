using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.DependencyInjection;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.RateLimiting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Further configuration of one account on the <see cref="IIdCloudBuilder"/> that <c>AddIdCloud()</c> returns:
/// resilience, the token provider, the request budget, a health check. Each applies to the account the builder belongs
/// to only. They live with <c>AddIdCloud</c> so that every setup call is found in one place and one namespace.
/// </summary>
public static partial class IdCloudServiceCollectionExtensions
{
    /// <summary>Changes timeouts, retries and the circuit breaker (applied after the bound configuration).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the resilience options.</param>
    /// <returns>The same builder.</returns>
    public static IIdCloudBuilder ConfigureResilience(this IIdCloudBuilder builder, Action<IdCloudResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<IdCloudOptions>(builder.AccountName, options => configure(options.Resilience));
        return builder;
    }

    /// <summary>
    /// Replaces the service-account token provider with your own (for example one that reads tokens from a vault).
    /// The service account settings are then not required.
    /// </summary>
    /// <typeparam name="TProvider">Your provider; registered as a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    public static IIdCloudBuilder UseTokenProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IIdCloudBuilder builder)
        where TProvider : class, IIdCloudTokenProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        return UseTokenProvider(builder, sp => ActivatorUtilities.CreateInstance<TProvider>(sp));
    }

    /// <summary>Replaces the service-account token provider with one built by a factory.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the provider (called once; the provider is a singleton).</param>
    /// <returns>The same builder.</returns>
    public static IIdCloudBuilder UseTokenProvider(this IIdCloudBuilder builder, Func<IServiceProvider, IIdCloudTokenProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        var key = KeyOf(builder);
        builder.Services.RemoveAllKeyed<IIdCloudTokenProvider>(key);
        builder.Services.AddKeyedSingleton(key, (sp, _) => factory(sp));
        builder.Services.AddSingleton(new IdCloudCustomTokenProviderMarker(builder.AccountName));
        return builder;
    }

    /// <summary>
    /// Makes every request of the account's process and signature clients take a permit from an
    /// <see cref="IIdCloudRateLimiter"/> first (default: in process, 10 requests per second with 2 reserved for
    /// creations), and pauses all of them after a 429 for its <c>Retry-After</c>. Register another limiter (the Redis
    /// package does) to share the budget between instances. Each account has its own budget. Calling it again only adds
    /// configuration.
    /// </summary>
    /// <param name="builder">The builder <c>AddIdCloud</c> returned.</param>
    /// <param name="configure">Changes the budget (for example from <c>IdCloud:RateLimit</c>).</param>
    /// <returns>The builder.</returns>
    public static IIdCloudBuilder AddRateLimiter(this IIdCloudBuilder builder, Action<IdCloudRateLimitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var name = builder.AccountName;
        var options = services.AddOptions<IdCloudRateLimitOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(RateLimitingMarker) && d.ImplementationInstance is RateLimitingMarker m && m.AccountName == name))
        {
            return builder;
        }

        services.AddSingleton(new RateLimitingMarker(name));
        var key = KeyOf(builder);
        services.TryAddKeyedSingleton<IIdCloudRateLimiter>(key, (sp, _) => new IdCloudInProcessRateLimiter(
            RateLimitOptionsOf(sp, name), sp.GetRequiredService<TimeProvider>()));

        // Added after AddIdCloud's handlers, so it is the innermost one: right above the socket.
        builder.ProcessApiHttpClient.AddHttpMessageHandler(sp => new IdCloudRateLimitingHandler(
            sp.GetRequiredKeyedService<IIdCloudRateLimiter>(key), sp.GetRequiredService<TimeProvider>()));
        builder.SignatureApiHttpClient.AddHttpMessageHandler(sp => new IdCloudRateLimitingHandler(
            sp.GetRequiredKeyedService<IIdCloudRateLimiter>(key), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>
    /// Adds a health check that reports whether an access token can be obtained (it uses the cached token, so it does
    /// not spend the tenant's request budget on every probe).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The health check's name.</param>
    /// <param name="failureStatus">The status reported on failure (default Unhealthy).</param>
    /// <param name="tags">Tags for filtering probes.</param>
    /// <returns>The same builder.</returns>
    public static IIdCloudBuilder AddHealthCheck(
        this IIdCloudBuilder builder,
        string name = "idcloud",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = KeyOf(builder);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            name,
            sp => new IdCloudTokenHealthCheck(sp.GetRequiredKeyedService<IIdCloudTokenProvider>(key), sp.GetService<ILogger<IdCloudTokenHealthCheck>>()),
            failureStatus,
            tags ?? Array.Empty<string>()));
        return builder;
    }

    /// <summary>The account's rate-limit options (named after the account; the default account's name is empty).</summary>
    internal static IdCloudRateLimitOptions RateLimitOptionsOf(IServiceProvider services, string accountName) =>
        services.GetRequiredService<IOptionsMonitor<IdCloudRateLimitOptions>>().Get(accountName);

    /// <summary>The service key of the builder's account: <see langword="null"/> (plain registrations) for the default account.</summary>
    internal static string? KeyOf(IIdCloudBuilder builder) => builder.AccountName.Length == 0 ? null : builder.AccountName;

    /// <summary>Registered once per account so its handlers are added once.</summary>
    private sealed record RateLimitingMarker(string AccountName);
}
