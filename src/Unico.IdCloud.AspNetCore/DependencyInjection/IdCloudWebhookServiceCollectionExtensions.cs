using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.AspNetCore.Dispatch;
using Unico.IdCloud.AspNetCore.Inbox;
using Unico.IdCloud.AspNetCore.Reconciliation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the IDCloud webhook receiver; map it with <c>app.MapIdCloudWebhook("/path")</c>.</summary>
public static class IdCloudWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers the receiver's services: options, the in-process completion signals shared with
    /// <c>IIdCloudProcessWaiter</c>, the in-memory de-duplication store (unless another
    /// <see cref="IIdCloudWebhookDeduplicationStore"/> is registered), the in-memory inbox (unless another
    /// <see cref="IIdCloudWebhookInbox"/> is registered) and the background dispatcher, which drains the inbox within
    /// the host's shutdown budget when the application stops.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (authentication at least).</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudWebhook(this IServiceCollection services, Action<IdCloudWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<IdCloudWebhookOptions>().Configure(configure);
        services.AddIdCloudCompletionSignals();
        services.TryAddSingleton<IIdCloudWebhookDeduplicationStore>(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<IdCloudWebhookOptions>>().Value;
            return new InMemoryIdCloudWebhookDeduplicationStore(sp.GetService<TimeProvider>(), options.DeduplicationRetention, options.DeduplicationCapacity);
        });
        services.TryAddSingleton<IIdCloudWebhookInbox>(static sp =>
            new InMemoryIdCloudWebhookInbox(sp.GetRequiredService<IOptions<IdCloudWebhookOptions>>().Value.QueueCapacity));
        services.TryAddSingleton<WebhookProcessReader>();
        services.TryAddSingleton<WebhookDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookDispatcher>(static sp => sp.GetRequiredService<WebhookDispatcher>()));
        return services;
    }

    /// <summary>
    /// Registers your handler, run once per process and state off the request path (scoped: one instance per run).
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudWebhookHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services)
        where THandler : class, IIdCloudWebhookHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Scoped<IIdCloudWebhookHandler, THandler>());
        return services;
    }

    /// <summary>Registers a delegate as the handler (see <see cref="AddIdCloudWebhookHandler{THandler}(IServiceCollection)"/>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="handler">Handles one notification; throwing means "retry later".</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudWebhookHandler(this IServiceCollection services, Func<IdCloudWebhookContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(handler);
        services.Replace(ServiceDescriptor.Singleton<IIdCloudWebhookHandler>(new DelegateWebhookHandler(handler)));
        return services;
    }

    /// <summary>
    /// Adds the fallback for a lost webhook: every <see cref="IdCloudWebhookReconciliationOptions.Interval"/> the open
    /// processes listed by <typeparamref name="TSource"/> are read with <c>GetProcess</c> — one at a time, spaced by
    /// <see cref="IdCloudWebhookReconciliationOptions.RequestSpacing"/>, stopping at a 429 — and each finished one goes
    /// through the receiver's de-duplication to your handler, as if its webhook had arrived. Needs
    /// <c>AddIdCloudWebhook</c>, a handler and an <c>IIdCloudProcessClient</c>.
    /// </summary>
    /// <typeparam name="TSource">Lists your open processes (scoped).</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the defaults (15 min interval, 30 min minimum age, 1 s spacing, 500 per pass).</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddIdCloudWebhookReconciliation<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>(
        this IServiceCollection services,
        Action<IdCloudWebhookReconciliationOptions>? configure = null)
        where TSource : class, IIdCloudOpenProcessSource
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IdCloudWebhookReconciliationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(
            static o => o.Interval > TimeSpan.Zero && o.MinimumAge >= TimeSpan.Zero && o.RequestSpacing >= TimeSpan.Zero && o.MaxProcessesPerPass > 0,
            "IDCloud webhook reconciliation: Interval and MaxProcessesPerPass must be positive, MinimumAge and RequestSpacing not negative.");
        services.Replace(ServiceDescriptor.Scoped<IIdCloudOpenProcessSource, TSource>());
        services.TryAddSingleton<WebhookReconciler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookReconciler>(static sp => sp.GetRequiredService<WebhookReconciler>()));
        return services;
    }

    private sealed class DelegateWebhookHandler(Func<IdCloudWebhookContext, CancellationToken, Task> handler) : IIdCloudWebhookHandler
    {
        public Task HandleAsync(IdCloudWebhookContext context, CancellationToken cancellationToken = default) => handler(context, cancellationToken);
    }
}
