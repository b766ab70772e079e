using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Settings;

/// <summary>
/// The SDK exactly as an app gets it: <c>AddIdCloud(section)</c> and the public clients from the container.
/// </summary>
internal sealed class IdCloudServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private IdCloudServices(ServiceProvider provider)
    {
        _provider = provider;
    }

    public IIdCloudProcessClient Processes => _provider.GetRequiredService<IIdCloudProcessClient>();

    public IIdCloudProcessWaiter Waiter => _provider.GetRequiredService<IIdCloudProcessWaiter>();

    public IIdCloudArtifactDownloader Downloader => _provider.GetRequiredService<IIdCloudArtifactDownloader>();

    public IIdCloudTokenProvider Tokens => _provider.GetRequiredService<IIdCloudTokenProvider>();

    public IdCloudOptions Options => _provider.GetRequiredService<IOptions<IdCloudOptions>>().Value;

    /// <summary>Builds the container and validates the settings the way the SDK does at start-up.</summary>
    /// <exception cref="OptionsValidationException">A setting is wrong; each failure names its key.</exception>
    /// <exception cref="IdCloudException">(<see cref="IdCloudErrorKind.Configuration"/>) The service account cannot be loaded; names the key.</exception>
    public static IdCloudServices Create(SettingsSource settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(settings.Section);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        try
        {
            // Force the start-up validation (ValidateOnStart runs only under a host) and the key load now.
            _ = provider.GetRequiredService<IOptions<IdCloudOptions>>().Value;
            _ = provider.GetRequiredService<IIdCloudTokenProvider>();
            return new IdCloudServices(provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
