using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Registers the by Client API on the SDK's pipeline (called by <c>AddIdCloud</c>): a named HTTP client for the by
/// Client host with the same telemetry and resilience handlers as the other APIs and the by Client authentication
/// step, the factory, and <see cref="IIdCloudByClient"/> for apps with a single API key.
/// </summary>
internal static class ByClientServiceRegistration
{
    public static void Add(IServiceCollection services, Action<HttpClient, Uri> configureClient, Func<HttpMessageHandler> primaryHandler)
    {
        services.TryAddSingleton<IdCloudByClientFactory>();
        services.TryAddSingleton<IIdCloudByClientFactory>(sp => sp.GetRequiredService<IdCloudByClientFactory>());
        services.TryAddTransient<IIdCloudByClient>(sp => sp.GetRequiredService<IdCloudByClientFactory>().CreateDefaultClient());

        services
            .AddHttpClient(ByClientOperations.HttpClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<IdCloudOptions>>().Value;
                configureClient(client, options.ByClient.GetBaseAddress(options.Environment));
            })
            .ConfigurePrimaryHttpMessageHandler(primaryHandler)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new IdCloudTelemetryHandler(
                sp.GetRequiredService<IdCloudTelemetry>(),
                sp.GetRequiredService<ILogger<IdCloudTelemetryHandler>>(),
                sp.GetRequiredService<TimeProvider>()))
            .AddHttpMessageHandler(sp => new IdCloudResilienceHandler(sp.GetRequiredService<IdCloudResiliencePipelineProvider>(), ByClientOperations.HttpClientName))
            .AddHttpMessageHandler(sp => new ByClientAuthenticationHandler(sp.GetRequiredService<IIdCloudTokenProvider>()));
    }
}
