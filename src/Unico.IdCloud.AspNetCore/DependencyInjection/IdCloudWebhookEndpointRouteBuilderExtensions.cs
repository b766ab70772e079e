using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.AspNetCore.Authentication;
using Unico.IdCloud.AspNetCore.Dispatch;
using Unico.IdCloud.AspNetCore.Endpoint;
using Unico.IdCloud.Client;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the IDCloud webhook receiver.</summary>
public static class IdCloudWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> as the IDCloud webhook: it authenticates the caller as configured
    /// (constant-time comparison; anything else → 401), parses the notification tolerantly (malformed or no
    /// processId, invalid UTF-8 or an id that cannot name a process → 400), wakes in-process waiters, and runs your
    /// <see cref="IIdCloudWebhookHandler"/> once per process and state: recorded in the inbox and answered 202 by
    /// default, or answered 200 only after it succeeded with <see cref="IdCloudWebhookAcknowledgement.AfterHandling"/>
    /// (duplicates → 200). Needs <c>services.AddIdCloudWebhook(...)</c>.
    /// </summary>
    /// <remarks>
    /// The configuration is checked here, at start-up: a missing or unusable setting throws
    /// <see cref="InvalidOperationException"/> naming it. The endpoint allows anonymous access as far as ASP.NET Core
    /// authorization is concerned (IDCloud cannot present your application's credentials); it does its own check.
    /// </remarks>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/webhooks/idcloud</c>.</param>
    /// <returns>The endpoint builder, for further conventions.</returns>
    public static IEndpointConventionBuilder MapIdCloudWebhook(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);

        var services = endpoints.ServiceProvider;
        if (services.GetService<WebhookDispatcher>() is not { } dispatcher)
        {
            throw new InvalidOperationException("IDCloud webhook: call services.AddIdCloudWebhook(...) before app.MapIdCloudWebhook(...).");
        }

        var options = services.GetRequiredService<IOptions<IdCloudWebhookOptions>>().Value;
        options.ValidateLimits();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Unico.IdCloud.AspNetCore.Webhook");
        var isProduction = services.GetService<IHostEnvironment>()?.IsProduction() ?? false;
        var authenticator = WebhookAuthenticator.Create(
            options,
            services.GetService<IIdCloudWebhookBearerTokenValidator>(),
            isProduction,
            logger);

        var registrations = services.GetService<IServiceProviderIsService>();
        var hasHandler = registrations?.IsService(typeof(IIdCloudWebhookHandler)) ?? false;
        if (hasHandler && options.FetchProcess && registrations?.IsService(typeof(IIdCloudProcessClient)) == false)
        {
            throw new InvalidOperationException(
                $"IDCloud webhook: {nameof(IdCloudWebhookOptions.FetchProcess)} is on, so the handler receives the process read with GetProcess, but no {nameof(IIdCloudProcessClient)} is registered. Call services.AddIdCloud(...) or set {nameof(IdCloudWebhookOptions.FetchProcess)} = false.");
        }

        var endpoint = new WebhookEndpoint(
            authenticator,
            services.GetRequiredService<IIdCloudCompletionNotifier>(),
            services.GetRequiredService<IIdCloudWebhookDeduplicationStore>(),
            hasHandler ? dispatcher : null,
            options,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            logger);

        return endpoints
            .MapPost(pattern, endpoint.HandleAsync)
            .WithMetadata(new AllowAnonymousAttribute())
            .WithDisplayName("IDCloud webhook");
    }
}
