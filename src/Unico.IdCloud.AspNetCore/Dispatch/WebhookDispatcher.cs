using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>
/// Runs the user's <see cref="IIdCloudWebhookHandler"/>: in the background for items taken from the
/// <see cref="IIdCloudWebhookInbox"/> (with retries and exponential backoff through <see cref="TimeProvider"/>), or
/// inside the webhook request for <see cref="IdCloudWebhookAcknowledgement.AfterHandling"/>. At most
/// <see cref="IdCloudWebhookOptions.MaxConcurrentHandlers"/> runs at a time either way.
/// </summary>
/// <remarks>
/// Stopping is a drain, bounded by the host's shutdown budget (the token of <see cref="StopAsync"/>, cancelled at
/// <c>HostOptions.ShutdownTimeout</c>): new notifications are refused with 503, running and queued ones are finished
/// — for the in-memory inbox every queued item; for a durable inbox only what this instance holds. Handlers are
/// cancelled only when the budget runs out; then every item not finished gets one log line (6010, or 6012 when a
/// durable inbox keeps it) before <see cref="StopAsync"/> returns, even when its handler ignores the token.
/// </remarks>
internal sealed class WebhookDispatcher : IHostedService, IDisposable
{
    /// <summary>How long a worker waits in the inbox before asking again (a durable inbox may poll).</summary>
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait before asking an inbox that failed again.</summary>
    private static readonly TimeSpan InboxFailureDelay = TimeSpan.FromSeconds(5);

    private readonly IIdCloudWebhookInbox _inbox;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IIdCloudWebhookDeduplicationStore _store;
    private readonly IdCloudWebhookOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly WebhookProcessReader _processReader;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopTaking = new();
    private readonly CancellationTokenSource _budgetOver = new();
    private readonly ConcurrentDictionary<WebhookWorkItem, byte> _running = new();
    private readonly ConcurrentDictionary<WebhookWorkItem, byte> _waitingForRetry = new();
    private TaskCompletionSource _changed = NewSignal();
    private Task _pump = Task.CompletedTask;
    private int _adding;
    private int _handledWhileStopping;
    private int _dropped;
    private volatile bool _stopping;

    public WebhookDispatcher(
        IServiceScopeFactory scopeFactory,
        IIdCloudWebhookDeduplicationStore store,
        IIdCloudWebhookInbox inbox,
        IOptions<IdCloudWebhookOptions> options,
        WebhookProcessReader processReader,
        ILogger<WebhookDispatcher> logger,
        TimeProvider? timeProvider = null)
    {
        _scopeFactory = scopeFactory;
        _store = store;
        _inbox = inbox;
        _options = options.Value;
        _processReader = processReader;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _slots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentHandlers));
    }

    /// <summary>Whether the application is stopping (new notifications are then refused with 503).</summary>
    public bool IsStopping => _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Acknowledgement == IdCloudWebhookAcknowledgement.AfterRecording)
        {
            _pump = Task.Run(PumpAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>The inbox's type name, for logs: each inbox has its own limit (in memory: QueueCapacity; Redis: MaxLength).</summary>
    public string InboxName => _inbox.GetType().Name;

    /// <summary>Records a claimed notification in the inbox (AfterRecording). Throws when the inbox fails.</summary>
    public async ValueTask<WebhookAcceptResult> TryAcceptAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken)
    {
        // Counted so that the drain does not declare the inbox empty while an add that began before the stop finishes.
        Interlocked.Increment(ref _adding);
        try
        {
            if (_stopping)
            {
                return WebhookAcceptResult.Stopping;
            }

            return await _inbox.TryAddAsync(item, cancellationToken).ConfigureAwait(false)
                ? WebhookAcceptResult.Accepted
                : WebhookAcceptResult.Full;
        }
        finally
        {
            Interlocked.Decrement(ref _adding);
        }
    }

    /// <summary>
    /// AfterHandling: runs the handler now, within <see cref="IdCloudWebhookOptions.HandlerTimeout"/> (waiting for a
    /// free slot included); marks the key handled on success and releases it otherwise.
    /// </summary>
    public async Task<WebhookAcceptResult> HandleNowAsync(IdCloudWebhookInboxItem item, CancellationToken requestAborted)
    {
        var work = new WebhookWorkItem(item);
        if (_stopping)
        {
            await ReleaseClaimAsync(work).ConfigureAwait(false);
            return WebhookAcceptResult.Stopping;
        }

        using var deadline = new CancellationTokenSource(_options.HandlerTimeout, _timeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _budgetOver.Token);
        using var slotWait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, deadline.Token);
        try
        {
            await _slots.WaitAsync(slotWait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await ReleaseClaimAsync(work).ConfigureAwait(false);
            WebhookLog.NotAcknowledged(_logger, null, item.Key.ProcessId, "every handler slot stayed busy");
            return WebhookAcceptResult.Full;
        }

        try
        {
            var (outcome, error) = await ExecuteAsync(work, stop.Token, deadline.Token).ConfigureAwait(false);
            switch (outcome)
            {
                case WebhookRunOutcome.Handled:
                    await OnHandledAsync(work).ConfigureAwait(false);
                    return WebhookAcceptResult.Accepted;
                case WebhookRunOutcome.Unreadable:
                    WebhookLog.ProcessUnreadable(_logger, error!, item.Key.ProcessId, (int?)(error as IdCloudException)?.StatusCode);
                    await ReleaseClaimAsync(work).ConfigureAwait(false);
                    return WebhookAcceptResult.Unreadable;
                default:
                    WebhookLog.NotAcknowledged(_logger, error, item.Key.ProcessId, outcome == WebhookRunOutcome.Cancelled ? "cancelled: the request was aborted or the application is stopping" : "the handler failed or ran out of time");
                    await ReleaseClaimAsync(work).ConfigureAwait(false);
                    return WebhookAcceptResult.Failed;
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// The reconciler's way in: the same claim and acknowledgement path as a webhook call. <see langword="true"/> when
    /// the notification was recorded or handled; <see langword="false"/> when it was a duplicate or could not be taken
    /// now (the next pass tries again).
    /// </summary>
    public async Task<bool> SubmitAsync(IdCloudWebhookNotification notification, CancellationToken cancellationToken)
    {
        if (_stopping)
        {
            return false;
        }

        var key = Endpoint.WebhookProcessIds.KeyFor(notification);
        var claim = await _store.TryClaimAsync(key, _options.ClaimDuration, cancellationToken).ConfigureAwait(false);
        if (claim != IdCloudWebhookClaim.Claimed)
        {
            return false;
        }

        var item = new IdCloudWebhookInboxItem(notification, key, _timeProvider.GetUtcNow());
        var result = _options.Acknowledgement == IdCloudWebhookAcknowledgement.AfterHandling
            ? await HandleNowAsync(item, cancellationToken).ConfigureAwait(false)
            : await TryAcceptAsync(item, cancellationToken).ConfigureAwait(false);
        if (result == WebhookAcceptResult.Accepted)
        {
            return true;
        }

        if (_options.Acknowledgement == IdCloudWebhookAcknowledgement.AfterRecording)
        {
            await ReleaseClaimAsync(new WebhookWorkItem(item)).ConfigureAwait(false);
        }

        return false;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        var running = _running.Count;
        var queued = _inbox is Inbox.InMemoryIdCloudWebhookInbox memory ? memory.Count : 0;
        WebhookLog.Draining(_logger, running, queued);
        await _stopTaking.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.WaitAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var changed = Volatile.Read(ref _changed).Task;
                if (_running.IsEmpty && _waitingForRetry.IsEmpty)
                {
                    break;
                }

                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbandonEverythingAsync().ConfigureAwait(false);
        }

        var handled = Volatile.Read(ref _handledWhileStopping);
        var dropped = Volatile.Read(ref _dropped);
        WebhookLog.Drained(_logger, handled, dropped);
    }

    public void Dispose()
    {
        _stopTaking.Dispose();
        _budgetOver.Dispose();
    }

    /// <summary>The shutdown budget ran out: cancel the handlers and give every unfinished item its log line now.</summary>
    private async Task AbandonEverythingAsync()
    {
        await _budgetOver.CancelAsync().ConfigureAwait(false);
        try
        {
            // The pump leaves at once when its slot wait is cancelled; bounded anyway, the budget is spent.
            await _pump.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        // AbandonAsync logs before its first await, so every line is written by the time this method returns; the
        // store and inbox calls after it are best effort and not awaited (claims expire on their own).
        foreach (var work in _running.Keys)
        {
            _ = AbandonAsync(work, "its handler did not finish within the shutdown budget");
        }

        foreach (var work in _waitingForRetry.Keys)
        {
            _ = AbandonAsync(work, "it was waiting for a retry when the shutdown budget ran out");
        }

        if (!_inbox.IsDurable)
        {
            while (await _inbox.ReceiveAsync(_options.ClaimDuration, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false) is { } item)
            {
                _ = AbandonAsync(new WebhookWorkItem(item), "it was still queued when the shutdown budget ran out");
            }
        }
    }

    /// <summary>
    /// Takes items from the inbox, one at a time, when a handler slot is free, and starts each. It never holds a slot
    /// while waiting for the inbox, so a retry that is due can always get one.
    /// </summary>
    private async Task PumpAsync()
    {
        var lease = _options.ClaimDuration;
        while (true)
        {
            // Take nothing while every slot is busy, so queued items stay in the inbox (its capacity is what IDCloud
            // sees as "full"), but do not keep the slot while waiting for an item: a due retry must be able to run.
            try
            {
                await _slots.WaitAsync(_budgetOver.Token).ConfigureAwait(false);
                _slots.Release();
            }
            catch (OperationCanceledException)
            {
                return;
            }

            IdCloudWebhookInboxItem? item;
            try
            {
                if (!_stopping)
                {
                    item = await _inbox.ReceiveAsync(lease, ReceiveWait, _stopTaking.Token).ConfigureAwait(false);
                }
                else if (_inbox.IsDurable)
                {
                    // Other consumers take what is left; this instance only finishes what it holds.
                    return;
                }
                else
                {
                    item = await _inbox.ReceiveAsync(lease, TimeSpan.Zero, _budgetOver.Token).ConfigureAwait(false);
                    if (item is null && Volatile.Read(ref _adding) == 0)
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                item = null;
            }
#pragma warning disable CA1031 // A failing inbox (a shared store that is down) is logged and asked again; it must not stop the pump.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                WebhookLog.InboxFailed(_logger, ex, "taking the next notification");
                await DelayQuietlyAsync(InboxFailureDelay, _stopTaking.Token).ConfigureAwait(false);
                continue;
            }

            if (item is null)
            {
                if (_budgetOver.IsCancellationRequested)
                {
                    return;
                }

                if (_stopping)
                {
                    // An add that began before the stop is still finishing: look again in a moment.
                    await Task.Yield();
                }

                continue;
            }

            // Held by this instance from now on: counted by the drain, and abandoned (logged) if the budget runs out.
            var work = new WebhookWorkItem(item);
            _running.TryAdd(work, 0);
            try
            {
                await _slots.WaitAsync(_budgetOver.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                var abandoning = AbandonAsync(work, "it was still queued when the shutdown budget ran out");
                _running.TryRemove(work, out _);
                Signal();
                await abandoning.ConfigureAwait(false);
                return;
            }

            _ = RunInBackgroundAsync(work);
        }
    }

    /// <summary>One background run; the caller holds a slot (released here) and has put the item in <see cref="_running"/>.</summary>
    private async Task RunInBackgroundAsync(WebhookWorkItem work)
    {
        try
        {
            await Task.Yield();
            using var deadline = new CancellationTokenSource(_options.HandlerTimeout, _timeProvider);
            var (outcome, error) = await ExecuteAsync(work, _budgetOver.Token, deadline.Token).ConfigureAwait(false);
            switch (outcome)
            {
                case WebhookRunOutcome.Handled:
                    await OnHandledAsync(work).ConfigureAwait(false);
                    break;
                case WebhookRunOutcome.Cancelled:
                    await AbandonAsync(work, "its handler did not finish within the shutdown budget").ConfigureAwait(false);
                    break;
                case WebhookRunOutcome.Unreadable:
                    if (work.TryConclude())
                    {
                        WebhookLog.ProcessUnreadable(_logger, error!, work.Key.ProcessId, (int?)(error as IdCloudException)?.StatusCode);
                        await ReleaseClaimAsync(work).ConfigureAwait(false);
                        await CompleteAsync(work).ConfigureAwait(false);
                    }

                    break;
                default:
                    await OnFailureAsync(work, error!).ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            _running.TryRemove(work, out _);
            _slots.Release();
            Signal();
        }
    }

    /// <summary>Reads the process (when enabled) and runs the handler once, in its own scope.</summary>
    private async Task<(WebhookRunOutcome Outcome, Exception? Error)> ExecuteAsync(WebhookWorkItem work, CancellationToken stop, CancellationToken deadline)
    {
        work.Attempt++;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline);
        try
        {
            var scope = _scopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var handler = scope.ServiceProvider.GetRequiredService<IIdCloudWebhookHandler>();
                IdCloudWebhookContext context;
                try
                {
                    context = await _processReader.CreateContextAsync(work, scope.ServiceProvider, linked.Token).ConfigureAwait(false);
                }
                catch (IdCloudException ex) when (IsPermanent(ex))
                {
                    return (WebhookRunOutcome.Unreadable, ex);
                }

                await handler.HandleAsync(context, linked.Token).ConfigureAwait(false);
                return (WebhookRunOutcome.Handled, null);
            }
        }
        catch (OperationCanceledException ex) when (stop.IsCancellationRequested)
        {
            return (WebhookRunOutcome.Cancelled, ex);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested)
        {
            return (WebhookRunOutcome.Failed, new TimeoutException($"The handler run exceeded {nameof(IdCloudWebhookOptions.HandlerTimeout)} ({_options.HandlerTimeout}).", ex));
        }
#pragma warning disable CA1031 // Any failure of user code is retried or logged; it must never stop the dispatcher.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (WebhookRunOutcome.Failed, ex);
        }
    }

    /// <summary>404 or 400 on the process read: the id does not name a readable process; retrying spends the tenant's budget for nothing.</summary>
    private static bool IsPermanent(IdCloudException exception) =>
        exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest
        || exception.Kind is IdCloudErrorKind.NotFound or IdCloudErrorKind.InvalidArgument;

    private async Task OnHandledAsync(WebhookWorkItem work)
    {
        work.TryConclude();
        WebhookLog.Handled(_logger, work.Key.ProcessId, work.Attempt);
        if (_stopping)
        {
            Interlocked.Increment(ref _handledWhileStopping);
        }

        try
        {
            await _store.MarkHandledAsync(work.Key, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The handler ran; a store failure is logged, the claim then expires on its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WebhookLog.StoreFailed(_logger, ex, work.Key.ProcessId, "marking it handled");
        }

        await CompleteAsync(work).ConfigureAwait(false);
    }

    private async Task OnFailureAsync(WebhookWorkItem work, Exception exception)
    {
        if (work.Attempt >= Math.Max(1, _options.MaxHandlerAttempts))
        {
            if (work.TryConclude())
            {
                WebhookLog.HandlerGaveUp(_logger, exception, work.Key.ProcessId, work.Attempt);
                await ReleaseClaimAsync(work).ConfigureAwait(false);
                await CompleteAsync(work).ConfigureAwait(false);
            }

            return;
        }

        if (_stopping)
        {
            await AbandonAsync(work, "its handler failed while the application was stopping").ConfigureAwait(false);
            return;
        }

        var delay = RetryDelay(work.Attempt);
        WebhookLog.HandlerFailedWillRetry(_logger, exception, work.Key.ProcessId, work.Attempt, _options.MaxHandlerAttempts, delay);
        _waitingForRetry.TryAdd(work, 0);
        _ = RetryLaterAsync(work, delay);
    }

    /// <summary>Waits for the backoff without holding a slot, then runs again. A stop ends the wait.</summary>
    private async Task RetryLaterAsync(WebhookWorkItem work, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, _stopTaking.Token).ConfigureAwait(false);
            await _slots.WaitAsync(_budgetOver.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Logged (synchronously, inside AbandonAsync) before it leaves the set the drain waits on.
            var abandoning = AbandonAsync(work, "it was waiting for a retry");
            _waitingForRetry.TryRemove(work, out _);
            Signal();
            await abandoning.ConfigureAwait(false);
            return;
        }

        _running.TryAdd(work, 0);
        _waitingForRetry.TryRemove(work, out _);
        await RunInBackgroundAsync(work).ConfigureAwait(false);
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

    /// <summary>
    /// The item will not be handled by this instance. Logs first (synchronously, before any await), exactly once per
    /// item; then a durable inbox gets it back for another consumer, or the de-duplication claim is released.
    /// </summary>
    private async Task AbandonAsync(WebhookWorkItem work, string reason)
    {
        if (!work.TryConclude())
        {
            return;
        }

        if (_inbox.IsDurable)
        {
            WebhookLog.LeftInInbox(_logger, work.Key.ProcessId, reason);
            try
            {
                await _inbox.ReturnAsync(work.Item, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Best effort: an item not returned is taken by another consumer after its lease.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                WebhookLog.InboxFailed(_logger, ex, "returning a notification");
            }

            return;
        }

        WebhookLog.DroppedOnShutdown(_logger, work.Key.ProcessId, reason);
        Interlocked.Increment(ref _dropped);
        await ReleaseClaimAsync(work).ConfigureAwait(false);
    }

    private async Task ReleaseClaimAsync(WebhookWorkItem work)
    {
        try
        {
            await _store.ReleaseAsync(work.Key, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Releasing is best effort; the claim expires on its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WebhookLog.StoreFailed(_logger, ex, work.Key.ProcessId, "releasing it");
        }
    }

    private async Task CompleteAsync(WebhookWorkItem work)
    {
        try
        {
            await _inbox.CompleteAsync(work.Item, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The outcome is logged already; an item not completed comes back after its lease and is a duplicate then.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WebhookLog.InboxFailed(_logger, ex, "completing a notification");
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
