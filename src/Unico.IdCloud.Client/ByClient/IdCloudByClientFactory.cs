using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Creates one account's by Client clients over the generated Refit interface, one per API key name. Users reach it
/// through <see cref="IIdCloudClientFactory.GetByClient"/> (or inject <see cref="IIdCloudByClient"/> when the account
/// has one key).
/// </summary>
internal sealed class IdCloudByClientFactory(Wire.IIdCloudByClientApi api, IOptionsMonitor<IdCloudOptions> options, DependencyInjection.IdCloudAccount? account = null)
{
    private readonly string _name = account?.Name ?? Options.DefaultName;
    private readonly string _path = account?.ConfigurationPath ?? IdCloudOptions.DefaultSectionName;

    public IIdCloudByClient CreateClient(string apiKeyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyName);
        var keys = options.Get(_name).ByClient.ApiKeys;
        if (!keys.TryGetValue(apiKeyName, out var apiKey) || string.IsNullOrWhiteSpace(apiKey))
        {
            var known = keys.Count == 0 ? "none is configured" : "configured names: " + string.Join(", ", keys.Keys.Order(StringComparer.Ordinal));
            throw IdCloudErrors.Configuration(
                _path + ":ByClient:ApiKeys:" + apiKeyName,
                $"No by Client API key is named '{apiKeyName}' ({known}). Set {_path}:ByClient:ApiKeys:{apiKeyName} to the key Unico issued for that use case.");
        }

        return new IdCloudByClient(api, apiKeyName, apiKey);
    }

    /// <summary>The client of the only configured key, for apps with one use case.</summary>
    public IIdCloudByClient CreateDefaultClient()
    {
        var keys = options.Get(_name).ByClient.ApiKeys;
        if (keys.Count != 1)
        {
            throw IdCloudErrors.Configuration(
                _path + ":ByClient:ApiKeys",
                $"IIdCloudByClient can be injected only when exactly one by Client API key is configured ({keys.Count} are); inject IIdCloudClientFactory and call GetByClient(apiKeyName).");
        }

        return CreateClient(keys.Keys.First());
    }
}
