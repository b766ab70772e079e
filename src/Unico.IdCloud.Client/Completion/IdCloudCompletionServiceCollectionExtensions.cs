using Microsoft.Extensions.DependencyInjection.Extensions;
using Unico.IdCloud.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the completion services: in-process signals, the process waiter and the artifact downloader.</summary>
public static class IdCloudCompletionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the signals (<see cref="AddIdCloudCompletionSignals"/>), <see cref="IIdCloudProcessWaiter"/> and
    /// <see cref="IIdCloudArtifactDownloader"/> (singletons; they need the <see cref="IIdCloudProcessClient"/> and
    /// <see cref="IIdCloudSignatureClient"/> services), and the options <see cref="IdCloudWaitOptions"/> and
    /// <see cref="IdCloudSignedDocumentWaitOptions"/>, validated when the application starts. <c>AddIdCloud(configuration)</c>
    /// binds them from <c>IdCloud:Completion:Wait:*</c> and <c>IdCloud:Completion:SignedDocument:*</c>; or configure them
    /// with <c>services.Configure&lt;T&gt;(...)</c>. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudCompletion(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddIdCloudCompletionSignals();
        IdCloudCompletionOptionsSetup.AddValidation(services);
        services.TryAddSingleton<IIdCloudProcessWaiter, IdCloudProcessWaiter>();
        services.TryAddSingleton<IIdCloudArtifactDownloader, IdCloudArtifactDownloader>();
        return services;
    }

    /// <summary>
    /// Registers only <see cref="IdCloudCompletionSignals"/> as the singleton <see cref="IIdCloudCompletionNotifier"/>:
    /// what the webhook receiver needs, without requiring the API clients. Safe to call more than once; every caller
    /// shares one instance, so the receiver wakes the waiter.
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
}
