using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Unico.IdCloud.AspNetCore.Authentication;
using Unico.IdCloud.AspNetCore.Dispatch;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Endpoint;

/// <summary>
/// The request path of the webhook, kept short so IDCloud gets its 2xx quickly: authenticate → read a bounded body
/// → parse → wake in-process waiters → claim in the de-duplication store → queue for the handler. Answers:
/// 401 bad credentials, 413 body too large, 400 malformed body or no processId, 202 queued, 200 duplicate or no
/// handler registered, 503 queue full (IDCloud delivers again later).
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

        // Waiters in this application learn about it at once, whatever happens with the handler.
        _notifier.NotifyFinished(notification);

        if (_dispatcher is null)
        {
            WebhookLog.Accepted(_logger, notification.ProcessId, notification.State?.Value);
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var key = new IdCloudWebhookDeliveryKey(notification.ProcessId.ToLowerInvariant(), notification.State?.Value ?? string.Empty);
        IdCloudWebhookClaim claim;
        try
        {
            claim = await _store.TryClaimAsync(key, _options.ClaimDuration, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !aborted.IsCancellationRequested)
        {
            // A shared store that is down must not lose the notification: 503 makes IDCloud deliver it again later.
            WebhookLog.StoreFailed(_logger, ex, notification.ProcessId, "claiming it");
            response.Headers[HeaderNames.RetryAfter] = QueueFullRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (claim != IdCloudWebhookClaim.Claimed)
        {
            WebhookLog.Duplicate(_logger, notification.ProcessId, notification.State?.Value, claim);
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (!_dispatcher.TryEnqueue(new WebhookWorkItem(notification, key, _timeProvider.GetUtcNow())))
        {
            await _store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            WebhookLog.QueueFull(_logger, _options.QueueCapacity, notification.ProcessId);
            response.Headers[HeaderNames.RetryAfter] = QueueFullRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        WebhookLog.Accepted(_logger, notification.ProcessId, notification.State?.Value);
        response.StatusCode = StatusCodes.Status202Accepted;
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
