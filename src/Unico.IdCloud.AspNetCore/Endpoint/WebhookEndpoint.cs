using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Unico.IdCloud.AspNetCore.Authentication;
using Unico.IdCloud.AspNetCore.Dispatch;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Endpoint;

/// <summary>
/// The request path of the webhook: authenticate → read a bounded body → parse → refuse implausible ids → wake
/// in-process waiters → claim in the de-duplication store → record in the inbox (202) or, with
/// <see cref="IdCloudWebhookAcknowledgement.AfterHandling"/>, run the handler (200 on success). Answers: 401 bad
/// credentials, 413 body too large, 400 malformed body (invalid UTF-8 included), no/implausible processId or implausible state, 202
/// recorded, 200 handled, duplicate or no handler registered, 503 (inbox full, store or inbox down, application
/// stopping, or — after handling — the handler failed or the same notification is still running): IDCloud delivers
/// again later.
/// </summary>
internal sealed class WebhookEndpoint
{
    /// <summary>What IDCloud is told to wait when the queue is full.</summary>
    internal const int QueueFullRetryAfterSeconds = 30;

    private readonly WebhookAuthenticator _authenticator;
    private readonly IIdCloudCompletionNotifier _notifier;
    private readonly IIdCloudWebhookDeduplicationStore _store;
    private readonly WebhookDispatcher? _dispatcher;
    private readonly IdCloudWebhookOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public WebhookEndpoint(
        WebhookAuthenticator authenticator,
        IIdCloudCompletionNotifier notifier,
        IIdCloudWebhookDeduplicationStore store,
        WebhookDispatcher? dispatcher,
        IdCloudWebhookOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _authenticator = authenticator;
        _notifier = notifier;
        _store = store;
        _dispatcher = dispatcher;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var aborted = context.RequestAborted;

        if (!await _authenticator.AuthenticateAsync(request, aborted).ConfigureAwait(false))
        {
            WebhookLog.Unauthenticated(_logger, _authenticator.Mode);
            if (_authenticator.Challenge is { } challenge)
            {
                response.Headers[HeaderNames.WWWAuthenticate] = challenge;
            }

            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var body = await ReadBodyAsync(request, _options.MaxRequestBodySize, aborted).ConfigureAwait(false);
        if (body is null)
        {
            WebhookLog.Rejected(_logger, "the body is larger than MaxRequestBodySize", StatusCodes.Status413PayloadTooLarge);
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!IdCloudWebhookNotification.TryParse(body, out var notification))
        {
            WebhookLog.Rejected(_logger, "the body is not a JSON object with a processId", StatusCodes.Status400BadRequest);
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!WebhookProcessIds.IsPlausible(notification.ProcessId))
        {
            // Refused before it reaches any log line, store key or GetProcess call: CR/LF would forge log lines, and
            // an id that can never name a process would only spend the tenant's budget.
            WebhookLog.ImplausibleProcessId(_logger, WebhookProcessIds.ForLog(notification.ProcessId));
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (notification.State is { } state && !WebhookProcessIds.IsPlausibleState(state.Value))
        {
            // The value is not logged: it is what could forge a log line.
            WebhookLog.Rejected(_logger, "the state is not an enum name such as PROCESS_STATE_FINISHED", StatusCodes.Status400BadRequest);
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Waiters in this application learn about it at once, whatever happens with the handler.
        _notifier.NotifyFinished(notification);

        if (_dispatcher is null)
        {
            WebhookLog.Accepted(_logger, notification.ProcessId, notification.State?.Value);
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (_dispatcher.IsStopping)
        {
            RetryLater(response);
            return;
        }

        var afterHandling = _options.Acknowledgement == IdCloudWebhookAcknowledgement.AfterHandling;
        var key = WebhookProcessIds.KeyFor(notification);
        IdCloudWebhookClaim claim;
        try
        {
            claim = await _store.TryClaimAsync(key, ClaimLease(), aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !aborted.IsCancellationRequested)
        {
            // A shared store that is down must not lose the notification: 503 makes IDCloud deliver it again later.
            WebhookLog.StoreFailed(_logger, ex, notification.ProcessId, "claiming it");
            RetryLater(response);
            return;
        }

        if (claim != IdCloudWebhookClaim.Claimed)
        {
            WebhookLog.Duplicate(_logger, notification.ProcessId, notification.State?.Value, claim);
            // After handling, "in progress" is not "done": that run may still fail, so IDCloud must keep the notification.
            if (afterHandling && claim == IdCloudWebhookClaim.InProgress)
            {
                RetryLater(response);
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var item = new IdCloudWebhookInboxItem(notification, key, _timeProvider.GetUtcNow());
        if (afterHandling)
        {
            var handled = await _dispatcher.HandleNowAsync(item, aborted).ConfigureAwait(false);
            if (handled is WebhookAcceptResult.Accepted or WebhookAcceptResult.Unreadable)
            {
                response.StatusCode = StatusCodes.Status200OK;
            }
            else
            {
                RetryLater(response);
            }

            return;
        }

        WebhookAcceptResult accepted;
        try
        {
            accepted = await _dispatcher.TryAcceptAsync(item, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !aborted.IsCancellationRequested)
        {
            WebhookLog.InboxFailed(_logger, ex, "recording a notification (answered 503)");
            accepted = WebhookAcceptResult.Failed;
        }

        if (accepted != WebhookAcceptResult.Accepted)
        {
            await ReleaseQuietlyAsync(key).ConfigureAwait(false);
            if (accepted == WebhookAcceptResult.Full)
            {
                WebhookLog.QueueFull(_logger, _dispatcher.InboxName, notification.ProcessId);
            }

            RetryLater(response);
            return;
        }

        WebhookLog.Accepted(_logger, notification.ProcessId, notification.State?.Value);
        response.StatusCode = StatusCodes.Status202Accepted;
    }

    /// <summary>
    /// After handling, the claim must not outlive the run by much: if this instance dies mid-run, IDCloud's
    /// redelivery has to find the key free again before its retries run out.
    /// </summary>
    private TimeSpan ClaimLease() =>
        _options.Acknowledgement == IdCloudWebhookAcknowledgement.AfterHandling
            ? TimeSpan.FromTicks(Math.Min(_options.ClaimDuration.Ticks, (_options.HandlerTimeout + TimeSpan.FromMinutes(1)).Ticks))
            : _options.ClaimDuration;

    private async Task ReleaseQuietlyAsync(IdCloudWebhookDeliveryKey key)
    {
        try
        {
            await _store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The caller answers 503 anyway; the claim expires on its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WebhookLog.StoreFailed(_logger, ex, key.ProcessId, "releasing it");
        }
    }

    /// <summary>503 with Retry-After: IDCloud delivers the notification again later.</summary>
    private static void RetryLater(HttpResponse response)
    {
        response.Headers[HeaderNames.RetryAfter] = QueueFullRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }

    /// <summary>Reads the whole body unless it exceeds <paramref name="limit"/> bytes (then <see langword="null"/>).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 16 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
