using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Authentication;
using Unico.IdCloud.Client.DependencyInjection;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Validation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Unico IDCloud SDK: <c>services.AddIdCloud(...)</c>.</summary>
public static class IdCloudServiceCollectionExtensions
{
    /// <summary>
    /// Adds the IDCloud typed clients (<see cref="IIdCloudProcessClient"/>, <see cref="IIdCloudSignatureClient"/>),
    /// the completion helpers (<see cref="IIdCloudProcessWaiter"/>, <see cref="IIdCloudArtifactDownloader"/>), the
    /// service-account token provider and the HTTP pipeline, configured in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options: environment, service account, timeouts.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IIdCloudBuilder AddIdCloud(this IServiceCollection services, Action<IdCloudOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddIdCloudCore(services);
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds the IDCloud SDK bound to a configuration section (usually <c>configuration.GetSection("IdCloud")</c>;
    /// see <see cref="IdCloudOptions.DefaultSectionName"/>). Keys: <c>Environment</c>, <c>ProcessHostFamily</c>,
    /// <c>ProcessApiBaseAddress</c>, <c>SignatureApiBaseAddress</c>, <c>IdentityBaseAddress</c>,
    /// <c>ServiceAccount:AccountName</c>, <c>ServiceAccount:TenantId</c>, <c>ServiceAccount:PrivateKeyPem</c> or
    /// <c>ServiceAccount:PrivateKeyPath</c>, <c>Token:*</c>, <c>Resilience:*</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the IdCloud settings.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IIdCloudBuilder AddIdCloud(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = AddIdCloudCore(services);
        services.AddOptions<IdCloudOptions>().Bind(configuration);
        return builder;
    }

    private static IdCloudBuilder AddIdCloudCore(IServiceCollection services)
    {
        // A second AddIdCloud call only adds configuration: the pipeline is registered once.
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IdCloudBuilder) && descriptor.ImplementationInstance is IdCloudBuilder existing)
            {
                return existing;
            }
        }

        services.AddOptions<IdCloudOptions>().ValidateOnStart();

        // The service account is only required when the SDK mints the tokens itself (UseTokenProvider lifts it).
        services.AddSingleton<IValidateOptions<IdCloudOptions>>(sp =>
            new IdCloudOptionsValidator(requireServiceAccount: !sp.GetServices<IdCloudCustomTokenProviderMarker>().Any()));
        services.AddSingleton<IValidateOptions<IdCloudOptions>, IdCloudServiceAccountKeyValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(sp => new IdCloudTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IdCloudResiliencePipelineProvider>();
        services.TryAddSingleton<CreateProcessRequestValidator>();

        // Registered as a singleton so the container disposes the RSA key with the application.
        services.TryAddSingleton(sp => IdCloudServiceAccountCredentials.FromOptions(sp.GetRequiredService<IOptions<IdCloudOptions>>().Value.ServiceAccount));
        services.TryAddSingleton<IIdCloudTokenProvider>(CreateServiceAccountTokenProvider);

        // Waiting for a process, interpreting it and collecting its artifacts come with the clients.
        services.AddIdCloudCompletion();

        var identity = services
            .AddHttpClient(IdCloudHttpClientNames.Identity, (sp, client) => ConfigureClient(client, sp.GetRequiredService<IOptions<IdCloudOptions>>().Value.GetIdentityBaseAddress()))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        WithoutDefaultLoggers(identity);

        var process = services
            .AddHttpClient<IIdCloudProcessClient, IdCloudProcessClient>(IdCloudHttpClientNames.ProcessApi, (sp, client) => ConfigureClient(client, sp.GetRequiredService<IOptions<IdCloudOptions>>().Value.GetProcessApiBaseAddress()))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        WithoutDefaultLoggers(process);
        AddPipelineHandlers(process, IdCloudHttpClientNames.ProcessApi);

        var signature = services
            .AddHttpClient<IIdCloudSignatureClient, IdCloudSignatureClient>(IdCloudHttpClientNames.SignatureApi, (sp, client) => ConfigureClient(client, sp.GetRequiredService<IOptions<IdCloudOptions>>().Value.GetSignatureApiBaseAddress()))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        WithoutDefaultLoggers(signature);
        AddPipelineHandlers(signature, IdCloudHttpClientNames.SignatureApi);

        var builder = new IdCloudBuilder(services, process, signature, identity);
        services.AddSingleton(builder);
        return builder;
    }

    /// <summary>
    /// Outermost first: telemetry (one activity, duration and log event per operation, whatever the retries), then
    /// resilience (total timeout, retry, circuit breaker, attempt timeout), then authentication, so every attempt
    /// carries a current token and a 401 is answered with one refresh inside the attempt.
    /// </summary>
    private static void AddPipelineHandlers(IHttpClientBuilder client, string clientName)
    {
        client.AddHttpMessageHandler(sp => new IdCloudTelemetryHandler(
            sp.GetRequiredService<IdCloudTelemetry>(),
            sp.GetRequiredService<ILogger<IdCloudTelemetryHandler>>(),
            sp.GetRequiredService<TimeProvider>()));
        client.AddHttpMessageHandler(sp => new IdCloudResilienceHandler(
            sp.GetRequiredService<IdCloudResiliencePipelineProvider>(), clientName));
        client.AddHttpMessageHandler(sp => new IdCloudAuthenticationHandler(sp.GetRequiredService<IIdCloudTokenProvider>()));
    }

    /// <summary>
    /// IHttpClientFactory adds two logging handlers to every named client; the SDK's telemetry handler already logs each
    /// operation once (with redacted URLs), so they would only duplicate it at a cost on every call. Users who want
    /// them back call <c>AddDefaultLogger()</c> on the builder's HTTP clients.
    /// </summary>
    private static IHttpClientBuilder WithoutDefaultLoggers(IHttpClientBuilder client) => client.RemoveAllLoggers();

    private static void ConfigureClient(HttpClient client, Uri baseAddress)
    {
        // Relative request URIs resolve against the base address only when it ends with '/'.
        var text = baseAddress.OriginalString;
        client.BaseAddress = text.EndsWith('/') ? baseAddress : new Uri(text + "/");

        // The pipeline owns timeouts (attempt, total, download); HttpClient's own 100 s default would fight them.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        // Pooled connections are recycled so DNS changes are seen even when a typed client lives long.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        AllowAutoRedirect = false,
        UseCookies = false,
    };

    private static IdCloudServiceAccountTokenProvider CreateServiceAccountTokenProvider(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<IdCloudOptions>>().Value;
        var credentials = services.GetRequiredService<IdCloudServiceAccountCredentials>();
        var httpClient = services.GetRequiredService<IHttpClientFactory>().CreateClient(IdCloudHttpClientNames.Identity);
        return new IdCloudServiceAccountTokenProvider(
            credentials,
            options.GetIdentityBaseAddress(),
            httpClient,
            options.Token,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<IdCloudServiceAccountTokenProvider>>(),
            services.GetRequiredService<IdCloudTelemetry>(),
            sharedStore: services.GetService<IIdCloudSharedTokenStore>());
    }
}
