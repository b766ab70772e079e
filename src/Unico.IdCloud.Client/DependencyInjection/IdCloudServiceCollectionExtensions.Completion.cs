using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.DependencyInjection;
using Unico.IdCloud.Client.Models;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The completion services: in-process signals, the process waiter and the artifact downloader.</summary>
public static partial class IdCloudServiceCollectionExtensions
{
    /// <summary>
    /// Registers the signals (<see cref="AddIdCloudCompletionSignals"/>), <see cref="IIdCloudProcessWaiter"/> and
    /// <see cref="IIdCloudArtifactDownloader"/> (singletons; they need the <see cref="IIdCloudProcessClient"/>,
    /// <see cref="IIdCloudProcessApi"/> and <see cref="IIdCloudSignatureClient"/> services), and the options <see cref="IdCloudWaitOptions"/> and
    /// <see cref="IdCloudSignedDocumentWaitOptions"/>, validated when the application starts. <c>AddIdCloud(configuration)</c>
    /// binds them from <c>IdCloud:Completion:Wait:*</c> and <c>IdCloud:Completion:SignedDocument:*</c>; or configure them
    /// with <c>services.Configure&lt;T&gt;(...)</c>. A named account's waiter and downloader use the options named after
    /// the account: the default account's, with the account section's own <c>Completion:*</c> keys on top. <c>AddIdCloud</c> calls it; safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudCompletion(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCompletion(services, IdCloudAccount.Default);
        return services;
    }

    /// <summary>
    /// Registers only <see cref="IdCloudCompletionSignals"/> as the singleton <see cref="IIdCloudCompletionNotifier"/>:
    /// what the webhook receiver needs, without requiring the API clients. Safe to call more than once; every caller
    /// shares one instance, so the receiver wakes the waiter (of every account).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudCompletionSignals(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IdCloudCompletionSignals>();
        services.TryAddSingleton<IIdCloudCompletionNotifier>(static sp => sp.GetRequiredService<IdCloudCompletionSignals>());
        return services;
    }

    /// <summary>
    /// The completion services of one account: plain registrations for the default account, keyed ones for a named
    /// account, each over that account's clients and with that account's options (named after it; a named account's
    /// start from the default account's). The signals are shared: process ids are unique across accounts.
    /// </summary>
    private static void AddCompletion(IServiceCollection services, IdCloudAccount account)
    {
        services.AddIdCloudCompletionSignals();
        IdCloudCompletionOptionsSetup.AddValidation(services, account);
        var key = account.ServiceKey;
        if (key is null)
        {
            services.TryAddSingleton<IIdCloudProcessWaiter, IdCloudProcessWaiter>();
            services.TryAddSingleton<IIdCloudArtifactDownloader, IdCloudArtifactDownloader>();
            return;
        }

        IdCloudCompletionOptionsSetup.InheritDefaults(services, account);
        services.TryAddKeyedSingleton<IIdCloudProcessWaiter>(key, (sp, _) => new IdCloudProcessWaiter(
            sp.GetRequiredKeyedService<IIdCloudProcessClient>(key),
            sp.GetRequiredService<IdCloudCompletionSignals>(),
            Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<IOptionsMonitor<IdCloudWaitOptions>>().Get(account.Name)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<IdCloudProcessWaiter>>()));
        services.TryAddKeyedSingleton<IIdCloudArtifactDownloader>(key, (sp, _) => new IdCloudArtifactDownloader(
            sp.GetRequiredKeyedService<IIdCloudProcessApi>(key),
            sp.GetRequiredKeyedService<IIdCloudSignatureClient>(key),
            Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<IOptionsMonitor<IdCloudSignedDocumentWaitOptions>>().Get(account.Name)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<IdCloudArtifactDownloader>>()));
    }
}
