using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Unico.IdCloud.Client.DependencyInjection;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client;

/// <summary>Further configuration of the SDK after <c>AddIdCloud()</c>.</summary>
public static class IdCloudBuilderExtensions
{
    /// <summary>Changes timeouts, retries and the circuit breaker (applied after the bound configuration).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the resilience options.</param>
    /// <returns>The same builder.</returns>
    public static IIdCloudBuilder ConfigureResilience(this IIdCloudBuilder builder, Action<IdCloudResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<IdCloudOptions>(options => configure(options.Resilience));
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
        builder.Services.RemoveAll<IIdCloudTokenProvider>();
        builder.Services.AddSingleton<IIdCloudTokenProvider, TProvider>();
        builder.Services.TryAddSingleton(new IdCloudCustomTokenProviderMarker());
        return builder;
    }

    /// <summary>Replaces the service-account token provider with one built by a factory.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the provider (called once; the provider is a singleton).</param>
    /// <returns>The same builder.</returns>
    public static IIdCloudBuilder UseTokenProvider(this IIdCloudBuilder builder, Func<IServiceProvider, IIdCloudTokenProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<IIdCloudTokenProvider>();
        builder.Services.AddSingleton(factory);
        builder.Services.TryAddSingleton(new IdCloudCustomTokenProviderMarker());
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
        builder.Services.AddHealthChecks().AddCheck<IdCloudTokenHealthCheck>(name, failureStatus, tags ?? Array.Empty<string>());
        return builder;
    }
}
