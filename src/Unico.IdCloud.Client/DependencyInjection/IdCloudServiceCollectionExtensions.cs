using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Authentication;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.DependencyInjection;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
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
    /// <c>ServiceAccount:PrivateKeyPath</c>, <c>Token:*</c>, <c>Resilience:*</c>, <c>Completion:Wait:*</c>,
    /// <c>Completion:SignedDocument:*</c>.
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
        IdCloudCompletionOptionsSetup.Bind(services, configuration);
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
        services.TryAddSingleton(sp => new IdCloudResiliencePipeline(
            sp.GetRequiredService<IOptions<IdCloudOptions>>().Value.Resilience,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IdCloudTelemetry>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(IdCloudLog.PipelineCategory)));
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

        // The API clients are the generated Refit interfaces (source-generated implementations: trim- and AOT-safe),
        // each on its named HttpClient so users can add handlers by name; the convenience clients sit on top.
        var process = services
            .AddRefitGeneratedClient<IIdCloudProcessApi>(CreateRefitSettings, IdCloudHttpClientNames.ProcessApi)
            .ConfigureHttpClient((sp, client) => ConfigureClient(client, sp.GetRequiredService<IOptions<IdCloudOptions>>().Value.GetProcessApiBaseAddress()))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        WithoutDefaultLoggers(process);
        AddPipelineHandlers(process, IdCloudHttpClientNames.ProcessApi);
        services.TryAddTransient<IIdCloudProcessClient>(sp => new IdCloudProcessClient(
            sp.GetRequiredService<IIdCloudProcessApi>(), sp.GetRequiredService<CreateProcessRequestValidator>()));

        var signature = services
            .AddRefitGeneratedClient<IIdCloudSignatureApi>(CreateRefitSettings, IdCloudHttpClientNames.SignatureApi)
            .ConfigureHttpClient((sp, client) => ConfigureClient(client, sp.GetRequiredService<IOptions<IdCloudOptions>>().Value.GetSignatureApiBaseAddress()))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        WithoutDefaultLoggers(signature);
        AddPipelineHandlers(signature, IdCloudHttpClientNames.SignatureApi);
        services.TryAddTransient<IIdCloudSignatureClient>(sp => new IdCloudSignatureClient(sp.GetRequiredService<IIdCloudSignatureApi>()));

        // The by Client API (/processes/v1): same token and pipeline, its own host, API keys and authentication step
        // (403 with 10501/10502 refreshes the token like a 401).
        var byClient = services
            .AddRefitGeneratedClient<Unico.IdCloud.Client.ByClient.Wire.IIdCloudByClientApi>(
                sp => IdCloudRefitSettings.Create(sp.GetRequiredService<TimeProvider>(), new IdCloudHttpContentSerializer(ByClientJsonContext.Default)),
                ByClientOperations.HttpClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<IdCloudOptions>>().Value;
                ConfigureClient(client, options.ByClient.GetBaseAddress(options.Environment));
            })
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        WithoutDefaultLoggers(byClient);
        AddPipelineHandlers(byClient, ByClientOperations.HttpClientName, sp => new ByClientAuthenticationHandler(sp.GetRequiredService<IIdCloudTokenProvider>()));
        ByClientServiceRegistration.Add(services);

        var builder = new IdCloudBuilder(services, process, signature, identity);
        services.AddSingleton(builder);
        return builder;
    }

    /// <summary>
    /// Outermost first: the operation tag, then telemetry (one activity, duration and log event per operation, whatever
    /// the retries), the error handler (every failure becomes an <see cref="IdCloudException"/>; success bodies are
    /// bounded), then Microsoft.Extensions.Http.Resilience (total timeout, retry, circuit breaker, attempt timeout), then
    /// authentication, so every attempt carries a current token and a 401 is answered with one refresh inside the attempt.
    /// </summary>
    private static void AddPipelineHandlers(IHttpClientBuilder client, string clientName, Func<IServiceProvider, DelegatingHandler>? authentication = null)
    {
        // Outermost of all: tells every handler below which operation a Refit call performs.
        client.AddHttpMessageHandler(() => new IdCloudOperationHandler());
        client.AddHttpMessageHandler(sp => new IdCloudTelemetryHandler(
            sp.GetRequiredService<IdCloudTelemetry>(),
            sp.GetRequiredService<ILogger<IdCloudTelemetryHandler>>(),
            sp.GetRequiredService<TimeProvider>()));
        client.AddHttpMessageHandler(sp => new IdCloudErrorHandler(
            sp.GetRequiredService<IOptions<IdCloudOptions>>().Value.Resilience,
            sp.GetRequiredService<TimeProvider>()));
        AddResilience(client, clientName);
        client.AddHttpMessageHandler(authentication ?? (sp => new IdCloudAuthenticationHandler(sp.GetRequiredService<IIdCloudTokenProvider>())));
    }

    /// <summary>
    /// The named resilience pipeline <c>{client}-IdCloud</c>. Its four strategies read named options that the SDK fills
    /// from <c>IdCloud:Resilience:*</c> first; a user's <c>services.Configure&lt;HttpRetryStrategyOptions&gt;(name, ...)</c>
    /// (names: <c>{client}-IdCloud-total-timeout</c>, <c>-retry</c>, <c>-circuit-breaker</c>, <c>-attempt-timeout</c>) runs later and wins.
    /// </summary>
    private static void AddResilience(IHttpClientBuilder client, string clientName)
    {
        var pipelineName = clientName + "-" + IdCloudResiliencePipeline.Name;
        var totalName = IdCloudResiliencePipeline.OptionsName(pipelineName, "total-timeout");
        var retryName = IdCloudResiliencePipeline.OptionsName(pipelineName, "retry");
        var breakerName = IdCloudResiliencePipeline.OptionsName(pipelineName, "circuit-breaker");
        var attemptName = IdCloudResiliencePipeline.OptionsName(pipelineName, "attempt-timeout");
        var services = client.Services;
        services.AddOptions<HttpTimeoutStrategyOptions>(totalName).Configure<IdCloudResiliencePipeline>((o, rules) => rules.ConfigureTotalTimeout(o));
        services.AddOptions<HttpRetryStrategyOptions>(retryName).Configure<IdCloudResiliencePipeline>((o, rules) => rules.ConfigureRetry(o));
        services.AddOptions<HttpCircuitBreakerStrategyOptions>(breakerName).Configure<IdCloudResiliencePipeline>((o, rules) => rules.ConfigureCircuitBreaker(o, clientName));
        services.AddOptions<HttpTimeoutStrategyOptions>(attemptName).Configure<IdCloudResiliencePipeline>((o, rules) => rules.ConfigureAttemptTimeout(o));

        client.AddResilienceHandler(IdCloudResiliencePipeline.Name, (builder, context) =>
        {
            var rules = context.ServiceProvider.GetRequiredService<IdCloudResiliencePipeline>();
            builder.TimeProvider = rules.TimeProvider;
            rules.AddStrategies(
                builder,
                context.GetOptions<HttpTimeoutStrategyOptions>(totalName),
                context.GetOptions<HttpRetryStrategyOptions>(retryName),
                context.GetOptions<HttpCircuitBreakerStrategyOptions>(breakerName),
                context.GetOptions<HttpTimeoutStrategyOptions>(attemptName));
        });
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

    private static RefitSettings CreateRefitSettings(IServiceProvider services) =>
        IdCloudRefitSettings.Create(services.GetRequiredService<TimeProvider>());

    private static SocketsHttpHandler CreatePrimaryHandler(IServiceProvider services) => new()
    {
        // Pooled connections are recycled so DNS changes are seen even when a typed client lives long.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // A burst of thousands of calls queues for a bounded set of sockets instead of opening one each.
        MaxConnectionsPerServer = services.GetRequiredService<IOptions<IdCloudOptions>>().Value.Resilience.MaxConnectionsPerServer,
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
