using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;

namespace Unico.IdCloud.Client.DependencyInjection;

/// <summary>Resolves an account's keyed services by name; the default account's are the plain registrations.</summary>
internal sealed class IdCloudClientFactory(IServiceProvider services, IdCloudAccountRegistry registry) : IIdCloudClientFactory
{
    public IReadOnlyList<string> AccountNames => registry.Accounts.Select(a => a.Name).ToArray();

    public IIdCloudProcessClient GetProcessClient(string accountName) => Get<IIdCloudProcessClient>(accountName);

    public IIdCloudSignatureClient GetSignatureClient(string accountName) => Get<IIdCloudSignatureClient>(accountName);

    public IIdCloudProcessWaiter GetProcessWaiter(string accountName) => Get<IIdCloudProcessWaiter>(accountName);

    public IIdCloudArtifactDownloader GetArtifactDownloader(string accountName) => Get<IIdCloudArtifactDownloader>(accountName);

    public IIdCloudByClient GetByClient(string apiKeyName, string accountName = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyName);
        return Get<IdCloudByClientFactory>(accountName).CreateClient(apiKeyName);
    }

    private T Get<T>(string accountName)
        where T : notnull
    {
        var account = registry.Get(accountName);
        return services.GetRequiredKeyedService<T>(account.ServiceKey);
    }
}
