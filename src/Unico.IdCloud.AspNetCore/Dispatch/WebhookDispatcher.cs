using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>
/// Runs the user's <see cref="IIdCloudWebhookHandler"/> off the request path: a bounded queue, a fixed number of
/// workers, and retries with exponential backoff (through <see cref="TimeProvider"/>). A delivery is marked handled
/// in the de-duplication store only after a successful run; after the last failed attempt, or when the application
/// stops first, it is released and logged so that a later delivery can handle it.
/// </summary>
internal sealed class WebhookDispatcher : BackgroundService
{
    private readonly Channel<WebhookWorkItem> _queue;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IIdCloudWebhookDeduplicationStore _store;
    private readonly IdCloudWebhookOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly WebhookProcessReader _processReader;
    private int _pendingRetries;

    public WebhookDispatcher(
        IServiceScopeFactory scopeFactory,
        IIdCloudWebhookDeduplicationStore store,
        IOptions<IdCloudWebhookOptions> options,
        WebhookProcessReader processReader,
        ILogger<WebhookDispatcher> logger,
        TimeProvider? timeProvider = null)
    {
        _scopeFactory = scopeFactory;
        _store = store;
        _options = options.Value;
        _processReader = processReader;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _queue = Channel.CreateBounded<WebhookWorkItem>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Notifications waiting for a worker, plus failed runs waiting for their retry.</summary>
    public int PendingCount => _queue.Reader.Count + Volatile.Read(ref _pendingRetries);

    /// <summary>Queues a claimed notification; <see langword="false"/> when the queue is full.</summary>
    public bool TryEnqueue(WebhookWorkItem item) => _queue.Writer.TryWrite(item);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new Task[Math.Max(1, _options.MaxConcurrentHandlers)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkAsync(stoppingToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);

        // Stopping: whatever is still queued was acknowledged to IDCloud but not handled. Release and log it.
        while (_queue.Reader.TryRead(out var item))
        {
            await ReleaseOnShutdownAsync(item).ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAsync(item, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(WebhookWorkItem item, CancellationToken stoppingToken)
    {
        item.Attempt++;
        try
        {
            using var timeout = new CancellationTokenSource(_options.HandlerTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            var scope = _scopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var handler = scope.ServiceProvider.GetRequiredService<IIdCloudWebhookHandler>();
                var context = await _processReader.CreateContextAsync(item, scope.ServiceProvider, linked.Token).ConfigureAwait(false);
                await handler.HandleAsync(context, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseOnShutdownAsync(item).ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // Any failure of user code is retried or logged; it must never stop the worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await OnFailureAsync(item, ex, stoppingToken).ConfigureAwait(false);
            return;
        }

        WebhookLog.Handled(_logger, item.Key.ProcessId, item.Attempt);
        try
        {
            await _store.MarkHandledAsync(item.Key, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The handler ran; a store failure is logged, the claim then expires on its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WebhookLog.StoreFailed(_logger, ex, item.Key.ProcessId, "marking it handled");
        }
    }

    private async Task OnFailureAsync(WebhookWorkItem item, Exception exception, CancellationToken stoppingToken)
    {
        if (item.Attempt >= Math.Max(1, _options.MaxHandlerAttempts))
        {
            WebhookLog.HandlerGaveUp(_logger, exception, item.Key.ProcessId, item.Attempt);
            await ReleaseAsync(item).ConfigureAwait(false);
            return;
        }

        var delay = RetryDelay(item.Attempt);
        WebhookLog.HandlerFailedWillRetry(_logger, exception, item.Key.ProcessId, item.Attempt, _options.MaxHandlerAttempts, delay);
        Interlocked.Increment(ref _pendingRetries);
        _ = RetryLaterAsync(item, delay, stoppingToken);
    }

    /// <summary>Waits for the backoff without holding a worker, then queues the item again.</summary>
    private async Task RetryLaterAsync(WebhookWorkItem item, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, stoppingToken).ConfigureAwait(false);
            await _queue.Writer.WriteAsync(item, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await ReleaseOnShutdownAsync(item).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _pendingRetries);
        }
    }

    /// <summary>Exponential: the first retry waits <see cref="IdCloudWebhookOptions.HandlerRetryDelay"/>, each next one twice as long, capped.</summary>
    internal TimeSpan RetryDelay(int failedAttempts)
    {
        var baseDelay = _options.HandlerRetryDelay;
        var max = _options.HandlerRetryMaxDelay;
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var ticks = Math.Min(max.Ticks, baseDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)Math.Max(0, ticks));
    }

    private async Task ReleaseOnShutdownAsync(WebhookWorkItem item)
    {
        WebhookLog.DroppedOnShutdown(_logger, item.Key.ProcessId);
        await ReleaseAsync(item).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(WebhookWorkItem item)
    {
        try
        {
            await _store.ReleaseAsync(item.Key, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Releasing is best effort; the claim expires on its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WebhookLog.StoreFailed(_logger, ex, item.Key.ProcessId, "releasing it");
        }
    }
}
