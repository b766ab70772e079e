using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Unico.IdCloud.Testing;

/// <summary>Wires an application's HTTP clients to an <see cref="IdCloudEmulator"/>, for the in-memory mode.</summary>
public static class EmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="IdCloudEmulator.CreateHandler"/> the primary handler of every client made by this container's
    /// <c>IHttpClientFactory</c>, the SDK's included; the SDK's own handlers (authentication, resilience, telemetry)
    /// stay on top of it. Registered as a post-configuration, so it wins over the SDK's socket handler whether it is
    /// called before or after <c>AddIdCloud</c>. Meant for test containers: other named clients go to the emulator too.
    /// </summary>
    /// <param name="services">The test's service collection.</param>
    /// <param name="emulator">The emulator, usually started with <see cref="IdCloudEmulator.StartInMemoryAsync"/>.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection UseIdCloudEmulatorHandler(this IServiceCollection services, IdCloudEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(emulator);
        services.AddHttpClient();
        services.PostConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = emulator.CreateHandler()));
        return services;
    }
}
