using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.AspNetCore.Dispatch;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.AspNetCore.Reconciliation;

/// <summary>
/// The fallback for a lost webhook: every <see cref="IdCloudWebhookReconciliationOptions.Interval"/>, reads the open
/// processes listed by <see cref="IIdCloudOpenProcessSource"/> one at a time, spaced, and submits each finished one
/// to the receiver's own path (de-duplication claim, then inbox or handler), so a webhook that arrives as well does
/// not run the handler twice.
/// </summary>
internal sealed partial class WebhookReconciler(
    IServiceScopeFactory scopeFactory,
    WebhookDispatcher dispatcher,
    IOptions<IdCloudWebhookReconciliationOptions> options,
    ILogger<WebhookReconciler> logger,
    TimeProvider? timeProvider = null) : BackgroundService
{
    private readonly IdCloudWebhookReconciliationOptions _options = options.Value;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.Interval, _time, stoppingToken).ConfigureAwait(false);
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing source (your database) is logged; the next pass tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                PassFailed(logger, ex);
            }
        }
    }

    /// <summary>One pass; returns how many finished processes were submitted.</summary>
    internal async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var source = scope.ServiceProvider.GetRequiredService<IIdCloudOpenProcessSource>();
            var client = scope.ServiceProvider.GetRequiredService<IIdCloudProcessClient>();
            int read = 0, submitted = 0;
            await foreach (var processId in source.GetOpenProcessIdsAsync(_time.GetUtcNow() - _options.MinimumAge, cancellationToken).ConfigureAwait(false))
            {
                if (read == _options.MaxProcessesPerPass || dispatcher.IsStopping)
                {
                    break;
                }

                if (read > 0)
                {
                    await Task.Delay(_options.RequestSpacing, _time, cancellationToken).ConfigureAwait(false);
                }

                read++;
                IdCloudProcess process;
                try
                {
                    process = await client.GetProcessAsync(processId, cancellationToken).ConfigureAwait(false);
                }
                catch (IdCloudException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests || ex.Kind == IdCloudErrorKind.RateLimited)
                {
                    // The tenant is over its budget: this pass stops spending it.
                    PassCutShort(logger, read);
                    break;
                }
                catch (IdCloudException ex)
                {
                    ReadFailed(logger, ex, processId);
                    continue;
                }

                if (process.State != ProcessState.Finished)
                {
                    continue;
                }

                var notification = new IdCloudWebhookNotification(processId) { State = ProcessState.Finished, Flow = process.Flow };
                if (await dispatcher.SubmitAsync(notification, cancellationToken).ConfigureAwait(false))
                {
                    submitted++;
                    Submitted(logger, processId);
                }
            }

            PassDone(logger, read, submitted);
            return submitted;
        }
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "IDCloud reconciliation: process {ProcessId} is finished but its notification was never handled; it is handled now.")]
    private static partial void Submitted(ILogger logger, string processId);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "IDCloud reconciliation pass: {Read} open processes read, {Submitted} finished ones handed to the handler.")]
    private static partial void PassDone(ILogger logger, int read, int submitted);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Warning, Message = "IDCloud reconciliation pass stopped after {Read} reads: the tenant is over its request budget (429). The next pass continues.")]
    private static partial void PassCutShort(ILogger logger, int read);

    [LoggerMessage(EventId = 6023, Level = LogLevel.Warning, Message = "IDCloud reconciliation could not read process {ProcessId}.")]
    private static partial void ReadFailed(ILogger logger, Exception exception, string processId);

    [LoggerMessage(EventId = 6024, Level = LogLevel.Error, Message = "IDCloud reconciliation pass failed; the next pass tries again.")]
    private static partial void PassFailed(ILogger logger, Exception exception);
}
