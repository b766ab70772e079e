using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client;
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
    /// with <c>services.Configure&lt;T&gt;(...)</c>. <c>AddIdCloud</c> calls it; safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudCompletion(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCompletion(services, key: null);
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
    /// The completion services of one account: plain registrations for the default account (<paramref name="key"/>
    /// <see langword="null"/>), keyed ones for a named account, each over that account's clients. The signals and the
    /// wait options are shared: process ids are unique across accounts.
    /// </summary>
    private static void AddCompletion(IServiceCollection services, string? key)
    {
        services.AddIdCloudCompletionSignals();
        IdCloudCompletionOptionsSetup.AddValidation(services);
        if (key is null)
        {
            services.TryAddSingleton<IIdCloudProcessWaiter, IdCloudProcessWaiter>();
            services.TryAddSingleton<IIdCloudArtifactDownloader, IdCloudArtifactDownloader>();
            return;
        }

        services.TryAddKeyedSingleton<IIdCloudProcessWaiter>(key, (sp, _) => new IdCloudProcessWaiter(
            sp.GetRequiredKeyedService<IIdCloudProcessClient>(key),
            sp.GetRequiredService<IdCloudCompletionSignals>(),
            sp.GetRequiredService<IOptions<IdCloudWaitOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<IdCloudProcessWaiter>>()));
        services.TryAddKeyedSingleton<IIdCloudArtifactDownloader>(key, (sp, _) => new IdCloudArtifactDownloader(
            sp.GetRequiredKeyedService<IIdCloudProcessApi>(key),
            sp.GetRequiredKeyedService<IIdCloudSignatureClient>(key),
            sp.GetRequiredService<IOptions<IdCloudSignedDocumentWaitOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<IdCloudArtifactDownloader>>()));
    }
}
