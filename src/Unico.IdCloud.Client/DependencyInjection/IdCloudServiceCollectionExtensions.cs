using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
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

/// <summary>
/// Registers the Unico IDCloud SDK: <c>services.AddIdCloud(...)</c> for one service account, and
/// <c>services.AddIdCloud("name", ...)</c> for each further (named) account.
/// </summary>
public static partial class IdCloudServiceCollectionExtensions
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
        var builder = AddAccount(services, IdCloudAccount.Default);
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
        var builder = AddAccount(services, IdCloudAccount.Default);
        services.AddOptions<IdCloudOptions>().Bind(configuration);
        IdCloudCompletionOptionsSetup.Bind(services, IdCloudAccount.Default, configuration);
        return builder;
    }

    /// <summary>
    /// Adds a named service account, configured in code: its own options, token, request budget, resilience pipeline
    /// and HTTP clients, resolvable as keyed services (<c>[FromKeyedServices("acme")] IIdCloudProcessClient</c>) or
    /// through <see cref="IIdCloudClientFactory"/>. Validation messages name the keys under
    /// <c>IdCloud:Accounts:&lt;name&gt;</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The account's name: letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</param>
    /// <param name="configure">Sets the account's options.</param>
    /// <returns>A builder for further configuration of this account.</returns>
    public static IIdCloudBuilder AddIdCloud(this IServiceCollection services, string name, Action<IdCloudOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddAccount(services, IdCloudAccount.Named(CheckName(name)));
        services.Configure(name, configure);
        return builder;
    }

    /// <summary>
    /// Adds a named service account bound to a configuration section, by convention
    /// <c>configuration.GetSection("IdCloud:Accounts:acme")</c> (the same keys as the default account's <c>IdCloud</c>
    /// section, <c>Completion:*</c> included). Validation messages name the keys under that section's path.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The account's name: letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</param>
    /// <param name="configuration">The account's configuration section.</param>
    /// <returns>A builder for further configuration of this account.</returns>
    public static IIdCloudBuilder AddIdCloud(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var account = IdCloudAccount.Named(CheckName(name), (configuration as IConfigurationSection)?.Path);
        var builder = AddAccount(services, account);
        services.AddOptions<IdCloudOptions>(name).Bind(configuration);
        IdCloudCompletionOptionsSetup.Bind(services, account, configuration);
        return builder;
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"An IDCloud account name uses letters, digits, '-', '_' or '.' only (it becomes a configuration key and part of HTTP client names); got '{name}'.", nameof(name));
        }

        return name;
    }

    private static IdCloudBuilder AddAccount(IServiceCollection services, IdCloudAccount account)
    {
        var registry = AddShared(services);

        // A second AddIdCloud call for the same account only adds configuration: its pipeline is registered once.
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IdCloudBuilder) && descriptor.ImplementationInstance is IdCloudBuilder existing && existing.Account.Name == account.Name)
            {
                return existing;
            }
        }

        registry.Add(account);
        var key = account.ServiceKey;
        var name = account.Name;
        services.AddOptions<IdCloudOptions>(name).ValidateOnStart();

        // The service account is only required when the SDK mints the tokens itself (UseTokenProvider lifts it).
        services.AddSingleton<IValidateOptions<IdCloudOptions>>(sp => new IdCloudOptionsValidator(
            account.ConfigurationPath,
            requireServiceAccount: !sp.GetServices<IdCloudCustomTokenProviderMarker>().Any(m => m.AccountName == name),
            optionsName: name));
        services.AddSingleton<IValidateOptions<IdCloudOptions>>(sp =>
            new IdCloudServiceAccountKeyValidator(account, sp.GetServices<IdCloudCustomTokenProviderMarker>()));
        services.TryAddKeyedSingleton(key, (sp, _) => new IdCloudResiliencePipeline(
            OptionsOf(sp, account).Resilience,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IdCloudTelemetry>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(IdCloudLog.PipelineCategory),
            account.TelemetryName));

        // Registered as a singleton so the container disposes the RSA key with the application.
        services.TryAddKeyedSingleton(key, (sp, _) => IdCloudServiceAccountCredentials.FromOptions(
            OptionsOf(sp, account).ServiceAccount, account.ConfigurationPath + ":ServiceAccount"));
        services.TryAddKeyedSingleton<IIdCloudTokenProvider>(key, (sp, _) => CreateServiceAccountTokenProvider(sp, account));

        var identity = services
            .AddHttpClient(account.IdentityHttpClientName, (sp, client) => ConfigureClient(client, OptionsOf(sp, account).GetIdentityBaseAddress()))
            .ConfigurePrimaryHttpMessageHandler(sp => CreatePrimaryHandler(sp, account));
        WithoutDefaultLoggers(identity);

        // The API clients are the generated Refit interfaces (source-generated implementations: trim- and AOT-safe),
        // each on its named HttpClient so users can add handlers by name; the convenience clients sit on top. The
        // default account's are plain registrations, a named account's are keyed by its name.
        var process = AddRefitClient<IIdCloudProcessApi>(services, account, CreateRefitSettings, account.ProcessApiHttpClientName)
            .ConfigureHttpClient((sp, client) => ConfigureClient(client, OptionsOf(sp, account).GetProcessApiBaseAddress()))
            .ConfigurePrimaryHttpMessageHandler(sp => CreatePrimaryHandler(sp, account));
        WithoutDefaultLoggers(process);
        AddPipelineHandlers(process, account);
        services.TryAddKeyedTransient<IIdCloudProcessClient>(key, (sp, _) => new IdCloudProcessClient(
            sp.GetRequiredKeyedService<IIdCloudProcessApi>(key), sp.GetRequiredService<CreateProcessRequestValidator>()));

        // The signature API serves PDFs, whose bytes nothing checks downstream: it is asked for identity (PDFs gain little
        // from gzip), and a gzip answer sent anyway is decoded and verified by IdCloudBoundedContent instead of the
        // socket handler, whose decoder ends quietly on a gzip stream cut short.
        var signature = AddRefitClient<IIdCloudSignatureApi>(services, account, CreateRefitSettings, account.SignatureApiHttpClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                ConfigureClient(client, OptionsOf(sp, account).GetSignatureApiBaseAddress());
                client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            })
            .ConfigurePrimaryHttpMessageHandler(sp => CreatePrimaryHandler(sp, account, DecompressionMethods.None));
        WithoutDefaultLoggers(signature);
        AddPipelineHandlers(signature, account);
        services.TryAddKeyedTransient<IIdCloudSignatureClient>(key, (sp, _) => new IdCloudSignatureClient(sp.GetRequiredKeyedService<IIdCloudSignatureApi>(key)));

        // Waiting for a process, interpreting it and collecting its artifacts come with the clients.
        AddCompletion(services, account);

        // The by Client API (/processes/v1): same token and pipeline, its own host, API keys and authentication step
        // (403 with 10501/10502 refreshes the token like a 401).
        var byClient = AddRefitClient<Unico.IdCloud.Client.ByClient.Wire.IIdCloudByClientApi>(
                services,
                account,
                sp => IdCloudRefitSettings.Create(sp.GetRequiredService<TimeProvider>(), new IdCloudHttpContentSerializer(ByClientJsonContext.Default)),
                account.ByClientHttpClientName)
            .ConfigureHttpClient((sp, client) => ConfigureClient(client, OptionsOf(sp, account).GetByClientBaseAddress()))
            .ConfigurePrimaryHttpMessageHandler(sp => CreatePrimaryHandler(sp, account, pathsCarryPersonalData: true));
        WithoutDefaultLoggers(byClient);
        AddPipelineHandlers(byClient, account, sp => new ByClientAuthenticationHandler(sp.GetRequiredKeyedService<IIdCloudTokenProvider>(key)));
        ByClientServiceRegistration.Add(services, account);

        var builder = new IdCloudBuilder(services, account, process, signature, identity);
        services.AddSingleton(builder);
        return builder;
    }

    /// <summary>What every account shares: the clock, telemetry, the request validator, the account list and the factory.</summary>
    private static IdCloudAccountRegistry AddShared(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IdCloudAccountRegistry) && descriptor.ImplementationInstance is IdCloudAccountRegistry existing)
            {
                return existing;
            }
        }

        var registry = new IdCloudAccountRegistry();
        services.AddSingleton(registry);
        services.TryAddSingleton<IIdCloudClientFactory, IdCloudClientFactory>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(sp => new IdCloudTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<CreateProcessRequestValidator>();
        return registry;
    }

    /// <summary>The account's options: the default account's through <see cref="IOptions{TOptions}"/>, a named one's by name.</summary>
    internal static IdCloudOptions OptionsOf(IServiceProvider services, IdCloudAccount account) =>
        account.IsDefault
            ? services.GetRequiredService<IOptions<IdCloudOptions>>().Value
            : services.GetRequiredService<IOptionsMonitor<IdCloudOptions>>().Get(account.Name);

    private static IHttpClientBuilder AddRefitClient<T>(IServiceCollection services, IdCloudAccount account, Func<IServiceProvider, RefitSettings> settings, string httpClientName)
        where T : class =>
        account.IsDefault
            ? services.AddRefitGeneratedClient<T>(settings, httpClientName)
            : services.AddKeyedRefitGeneratedClient<T>(account.Name, settings, httpClientName);

    /// <summary>
    /// Outermost first: the operation tag, then the error handler with telemetry (one activity, duration and log event
    /// per operation, whatever the retries; every failure becomes an <see cref="IdCloudException"/>; success bodies are
    /// bounded), then Microsoft.Extensions.Http.Resilience (total timeout, retry, circuit breaker, attempt timeout), then
    /// authentication, so every attempt carries a current token and a 401 is answered with one refresh inside the attempt.
    /// </summary>
    private static void AddPipelineHandlers(IHttpClientBuilder client, IdCloudAccount account, Func<IServiceProvider, DelegatingHandler>? authentication = null)
    {
        // Outermost of all: tells every handler below which operation a Refit call performs.
        client.AddHttpMessageHandler(() => new IdCloudOperationHandler());
        // Telemetry and the one error exit share one handler: one async frame per call instead of two.
        client.AddHttpMessageHandler(sp => new IdCloudErrorHandler(
            OptionsOf(sp, account).Resilience,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IdCloudTelemetry>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(IdCloudErrorHandler.OperationLogCategory),
            account.TelemetryName));
        AddResilience(client, account);
        client.AddHttpMessageHandler(authentication ?? (sp => new IdCloudAuthenticationHandler(sp.GetRequiredKeyedService<IIdCloudTokenProvider>(account.ServiceKey))));
    }

    /// <summary>
    /// The named resilience pipeline <c>{client}-IdCloud</c>. Its four strategies read named options that the SDK fills
    /// from <c>IdCloud:Resilience:*</c> first; a user's <c>services.Configure&lt;HttpRetryStrategyOptions&gt;(name, ...)</c>
    /// (names: <c>{client}-IdCloud-total-timeout</c>, <c>-retry</c>, <c>-circuit-breaker</c>, <c>-attempt-timeout</c>) runs later and wins.
    /// </summary>
    private static void AddResilience(IHttpClientBuilder client, IdCloudAccount account)
    {
        var clientName = client.Name;
        var key = account.ServiceKey;
        var pipelineName = clientName + "-" + IdCloudResiliencePipeline.Name;
        var totalName = IdCloudResiliencePipeline.OptionsName(pipelineName, "total-timeout");
        var retryName = IdCloudResiliencePipeline.OptionsName(pipelineName, "retry");
        var breakerName = IdCloudResiliencePipeline.OptionsName(pipelineName, "circuit-breaker");
        var attemptName = IdCloudResiliencePipeline.OptionsName(pipelineName, "attempt-timeout");
        var services = client.Services;
        Configure<HttpTimeoutStrategyOptions>(services, totalName, key, (o, rules) => rules.ConfigureTotalTimeout(o));
        Configure<HttpRetryStrategyOptions>(services, retryName, key, (o, rules) => rules.ConfigureRetry(o));
        Configure<HttpCircuitBreakerStrategyOptions>(services, breakerName, key, (o, rules) => rules.ConfigureCircuitBreaker(o, clientName));
        Configure<HttpTimeoutStrategyOptions>(services, attemptName, key, (o, rules) => rules.ConfigureAttemptTimeout(o));

        client.AddResilienceHandler(IdCloudResiliencePipeline.Name, (builder, context) =>
        {
            var rules = context.ServiceProvider.GetRequiredKeyedService<IdCloudResiliencePipeline>(key);
            builder.TimeProvider = rules.TimeProvider;
            rules.AddStrategies(
                builder,
                context.GetOptions<HttpTimeoutStrategyOptions>(totalName),
                context.GetOptions<HttpRetryStrategyOptions>(retryName),
                context.GetOptions<HttpCircuitBreakerStrategyOptions>(breakerName),
                context.GetOptions<HttpTimeoutStrategyOptions>(attemptName));
        });
    }

    /// <summary>Fills the named strategy options from the account's own rules (resolved by its key).</summary>
    private static void Configure<TOptions>(IServiceCollection services, string optionsName, string? key, Action<TOptions, IdCloudResiliencePipeline> configure)
        where TOptions : class =>
        services.AddSingleton<IConfigureOptions<TOptions>>(sp => new ConfigureNamedOptions<TOptions>(
            optionsName, options => configure(options, sp.GetRequiredKeyedService<IdCloudResiliencePipeline>(key))));

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
        IdCloudUserAgent.AddTo(client);
    }

    private static RefitSettings CreateRefitSettings(IServiceProvider services) =>
        IdCloudRefitSettings.Create(services.GetRequiredService<TimeProvider>());

    /// <param name="services">The container.</param>
    /// <param name="account">The account whose limits apply.</param>
    /// <param name="decompression">What the socket handler decodes itself.</param>
    /// <param name="pathsCarryPersonalData">
    /// Whether request paths of this API may hold personal data (the by Client Data Verification is <c>POST /lists/{cpf}</c>).
    /// System.Net.Http's own per-attempt activity tags <c>url.full</c> with the path as sent (it redacts only the query),
    /// so a tracing backend would store every CPF verified. Without a propagator the socket handler starts no such
    /// activity (nor its DiagnosticListener events, from which older instrumentation reads the URL); the SDK's operation
    /// activity, which names no URL, still covers the call and its retries.
    /// </param>
    private static SocketsHttpHandler CreatePrimaryHandler(
        IServiceProvider services,
        IdCloudAccount account,
        DecompressionMethods decompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        bool pathsCarryPersonalData = false) => new()
    {
        ActivityHeadersPropagator = pathsCarryPersonalData ? null : DistributedContextPropagator.Current,
        // Pooled connections are recycled so DNS changes are seen even when a typed client lives long.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // A burst of thousands of calls queues for a bounded set of sockets instead of opening one each.
        MaxConnectionsPerServer = OptionsOf(services, account).Resilience.MaxConnectionsPerServer,
        AutomaticDecompression = decompression,
        AllowAutoRedirect = false,
        UseCookies = false,
    };

    private static IdCloudServiceAccountTokenProvider CreateServiceAccountTokenProvider(IServiceProvider services, IdCloudAccount account)
    {
        var options = OptionsOf(services, account);
        var credentials = services.GetRequiredKeyedService<IdCloudServiceAccountCredentials>(account.ServiceKey);
        var httpClient = services.GetRequiredService<IHttpClientFactory>().CreateClient(account.IdentityHttpClientName);
        return new IdCloudServiceAccountTokenProvider(
            credentials,
            options.GetIdentityBaseAddress(),
            httpClient,
            options.Token,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<IdCloudServiceAccountTokenProvider>>(),
            services.GetRequiredService<IdCloudTelemetry>(),
            sharedStore: services.GetKeyedService<IIdCloudSharedTokenStore>(account.ServiceKey),
            account: account.TelemetryName);
    }
}
