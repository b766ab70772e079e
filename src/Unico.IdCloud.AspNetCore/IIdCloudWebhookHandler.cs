namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Your code that reacts to a finished process, run in its own dependency-injection scope, once per process and
/// state: a duplicate delivery does not run it again. By default
/// (<see cref="IdCloudWebhookAcknowledgement.AfterRecording"/>) it runs off the request path after the call was
/// acknowledged, and a run that throws is retried with backoff (see <see cref="IdCloudWebhookOptions.MaxHandlerAttempts"/>)
/// before the delivery is given up and logged; with <see cref="IdCloudWebhookAcknowledgement.AfterHandling"/> it runs
/// inside the webhook request and its success is what answers 200.
/// </summary>
/// <remarks>
/// Make it idempotent anyway: a retry after a partial run, a restart, or several application instances with the
/// default in-memory de-duplication store can still run it more than once for the same process.
/// </remarks>
public interface IIdCloudWebhookHandler
{
    /// <summary>Handles one notification.</summary>
    /// <param name="context">The notification, the fetched process (when enabled) and the attempt number.</param>
    /// <param name="cancellationToken">
    /// Cancelled at <see cref="IdCloudWebhookOptions.HandlerTimeout"/>, or when the application's shutdown budget
    /// (<c>HostOptions.ShutdownTimeout</c>) runs out — not at the start of a stop: running handlers are drained.
    /// </param>
    /// <returns>A task that completes when the notification is handled; a fault means "retry later".</returns>
    Task HandleAsync(IdCloudWebhookContext context, CancellationToken cancellationToken = default);
}
