using Microsoft.Extensions.DependencyInjection.Extensions;
using Unico.IdCloud.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the completion services: in-process signals, the process waiter and the artifact downloader.</summary>
public static class IdCloudCompletionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IdCloudCompletionSignals"/> as the singleton <see cref="IIdCloudCompletionNotifier"/>.
    /// Safe to call more than once; the webhook receiver calls it too, so both share one instance.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudCompletion(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IdCloudCompletionSignals>();
        services.TryAddSingleton<IIdCloudCompletionNotifier>(static sp => sp.GetRequiredService<IdCloudCompletionSignals>());
        return services;
    }
}
