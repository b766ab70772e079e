using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Infrastructure;

/// <summary>
/// One application using the SDK, wired exactly as a user wires it: <c>services.AddIdCloud(o =&gt; account.ApplyTo(o))</c>,
/// then the typed clients resolved from the container. Everything below is the real pipeline (IHttpClientFactory,
/// telemetry, resilience and authentication handlers, SocketsHttpHandler) talking to the emulator over 127.0.0.1.
/// </summary>
public sealed class IdCloudApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private IdCloudApp(ServiceProvider services)
    {
        _services = services;
    }

    public IIdCloudProcessClient Processes => _services.GetRequiredService<IIdCloudProcessClient>();

    public IIdCloudSignatureClient Signatures => _services.GetRequiredService<IIdCloudSignatureClient>();

    public IServiceProvider Services => _services;

    /// <param name="account">The emulated service account the application authenticates as.</param>
    /// <param name="configure">Further option changes (for example a misconfigured tenant).</param>
    /// <param name="resilience">Resilience settings, applied through <c>ConfigureResilience</c> as a user would.</param>
    /// <param name="services">Extra registrations made before <c>AddIdCloud</c> (for example a <see cref="TimeProvider"/>).</param>
    public static IdCloudApp Start(
        EmulatedServiceAccount account,
        Action<IdCloudOptions>? configure = null,
        Action<IdCloudResilienceOptions>? resilience = null,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var builder = collection.AddIdCloud(options =>
        {
            account.ApplyTo(options);
            configure?.Invoke(options);
        });
        if (resilience is not null)
        {
            builder.ConfigureResilience(resilience);
        }

        return new IdCloudApp(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    /// <summary>Short waits between retries so tests that exercise retries stay fast; sockets and timeouts stay real.</summary>
    public static void FastRetries(IdCloudResilienceOptions options)
    {
        options.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.MaxDelay = TimeSpan.FromMilliseconds(100);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
