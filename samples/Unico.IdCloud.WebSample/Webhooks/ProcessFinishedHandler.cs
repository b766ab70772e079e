using Microsoft.Extensions.Logging;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.WebSample.Verifications;

namespace Unico.IdCloud.WebSample.Webhooks;

/// <summary>
/// Runs once per notified process (the receiver de-duplicates and retries on failure). Unico's payload carries no
/// verdict: the receiver has already read the process (<see cref="IdCloudWebhookOptions.FetchProcess"/>), and this
/// handler records it so the result page can show it without asking IDCloud again.
/// </summary>
public sealed partial class ProcessFinishedHandler(VerificationStore store, ILogger<ProcessFinishedHandler> logger) : IIdCloudWebhookHandler
{
    /// <inheritdoc />
    public Task HandleAsync(IdCloudWebhookContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var process = context.Process
            ?? throw new InvalidOperationException("The receiver reads the process before calling the handler (FetchProcess is on).");

        if (!store.RecordNotification(context.ProcessId, process, context.ReceivedAt))
        {
            // Not started by this instance (or started before a restart: the store is in memory). Nothing to update.
            LogUnknownProcess(logger, context.ProcessId);
            return Task.CompletedTask;
        }

        var outcome = process.Interpret().Outcome;
        LogRecorded(logger, context.ProcessId, outcome);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Webhook: process {ProcessId} finished as {Outcome}")]
    private static partial void LogRecorded(ILogger logger, string processId, IdCloudProcessOutcome outcome);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Webhook: process {ProcessId} was not started by this application; ignored")]
    private static partial void LogUnknownProcess(ILogger logger, string processId);
}
