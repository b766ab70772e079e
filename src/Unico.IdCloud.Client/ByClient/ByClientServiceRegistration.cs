using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Registers the by Client clients (called by <c>AddIdCloud</c>, which also registers their named HTTP client with the
/// SDK's pipeline): the factory, and <see cref="IIdCloudByClient"/> for apps with a single API key.
/// </summary>
internal static class ByClientServiceRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddTransient<IdCloudByClientFactory>();
        services.TryAddTransient<IIdCloudByClientFactory>(sp => sp.GetRequiredService<IdCloudByClientFactory>());
        services.TryAddTransient<IIdCloudByClient>(sp => sp.GetRequiredService<IdCloudByClientFactory>().CreateDefaultClient());
    }
}
