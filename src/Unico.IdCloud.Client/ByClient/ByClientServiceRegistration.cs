using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.DependencyInjection;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Registers the by Client clients of one account (called by <c>AddIdCloud</c>, which also registers their named HTTP
/// client with the SDK's pipeline): the account's factory (reached through <see cref="IIdCloudClientFactory.GetByClient"/>),
/// and <see cref="IIdCloudByClient"/> for apps with a single API key. A named account's are keyed by its name.
/// </summary>
internal static class ByClientServiceRegistration
{
    public static void Add(IServiceCollection services, IdCloudAccount account)
    {
        var key = account.ServiceKey;
        services.TryAddKeyedTransient(key, (sp, _) => new IdCloudByClientFactory(
            sp.GetRequiredKeyedService<Wire.IIdCloudByClientApi>(key),
            sp.GetRequiredService<IOptionsMonitor<IdCloudOptions>>(),
            account));
        services.TryAddKeyedTransient<IIdCloudByClient>(key, (sp, _) => sp.GetRequiredKeyedService<IdCloudByClientFactory>(key).CreateDefaultClient());
    }
}
