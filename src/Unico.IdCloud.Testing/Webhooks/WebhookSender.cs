using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Testing;

/// <summary>
/// Delivers "process finished" notifications at least once: each notification runs on its own task, retried with
/// exponential back-off (real clock) while the receiver answers non-2xx or cannot be reached, up to a bounded number
/// of attempts. Every attempt is logged for tests, which can await deliveries.
/// </summary>
internal sealed class WebhookSender : IAsyncDisposable
{
    private readonly IdCloudEmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<EmulatedWebhookDelivery> _deliveries = [];
    private readonly List<Waiter> _waiters = [];
    private readonly HashSet<Task> _running = [];
    private volatile WebhookTarget? _target;
    private bool _disposed;

    public WebhookSender(IdCloudEmulatorOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        {
            // Each attempt has its own timeout (WebhookAttemptTimeout); HttpClient's must not fight it.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public IReadOnlyList<EmulatedWebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public void Configure(WebhookTarget? target) =>
        _target = target?.Authentication.OAuth2Client is { } client
            ? target with { Tokens = new OAuth2TokenCache(client, _http, _options.TimeProvider, _options.WebhookAttemptTimeout, _logger, _stopping.Token) }
            : target;

    public void Enqueue(WebhookNotification notification)
    {
        var target = _target;
        if (target is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var task = Task.Run(() => DeliverAsync(target, notification, _stopping.Token));
            _running.Add(task);
            _ = task.ContinueWith(
                t =>
                {
                    lock (_gate)
                    {
                        _running.Remove(t);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> logged attempts satisfy the filter.</summary>
    public async Task WaitAsync(int count, bool successfulOnly, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Waiter waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            waiter = new Waiter(count, successfulOnly);
            if (waiter.IsSatisfiedBy(_deliveries))
            {
                return;
            }

            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            int seen;
            lock (_gate)
            {
                _waiters.Remove(waiter);
                seen = _deliveries.Count(d => !successfulOnly || d.Succeeded);
            }

            var what = successfulOnly ? "successful webhook deliveries" : "webhook attempts";
            throw new TimeoutException($"Expected {count} {what} within {timeout}, saw {seen}.");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = [.. _running];
            foreach (var waiter in _waiters)
            {
                waiter.Completion.TrySetException(new ObjectDisposedException(nameof(IdCloudEmulator), "The emulator was disposed while a test waited for webhooks."));
            }

            _waiters.Clear();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task DeliverAsync(WebhookTarget target, WebhookNotification notification, CancellationToken stopping)
    {
        var body = notification.ToJson();
        var copies = target.DeliverTwice ? 2 : 1;
        for (var copy = 1; copy <= copies && !stopping.IsCancellationRequested; copy++)
        {
            await DeliverCopyAsync(target, notification.ProcessId, body, copy, stopping).ConfigureAwait(false);
        }
    }

    private async Task DeliverCopyAsync(WebhookTarget target, string processId, byte[] body, int copy, CancellationToken stopping)
    {
        var delay = _options.WebhookInitialRetryDelay;
        var tokenRefreshed = false;
        for (var attempt = 1; attempt <= _options.WebhookMaxAttempts; attempt++)
        {
            int? status = null;
            string? error = null;
            var awaitingToken = false;
            try
            {
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                attemptTimeout.CancelAfter(_options.WebhookAttemptTimeout);
                OAuth2AccessToken? token = null;
                if (target.Tokens is { } tokens)
                {
                    awaitingToken = true;
                    token = await tokens.GetAsync(attemptTimeout.Token).ConfigureAwait(false);
                    awaitingToken = false;
                }

                status = await SendAsync(target, body, token, attemptTimeout.Token).ConfigureAwait(false);

                // A 401 to a cached token most likely means the token went stale early (the receiver rotated its keys or
                // revoked it), not that the receiver is failing. A client of an OAuth2 provider answers that the way the
                // SDK's own pipeline does (design §4): drop the token, fetch one, resend once within the same attempt.
                // Spending a retry and its back-off instead would delay every notification after each key rotation and
                // count against the receiver's error rate, which Unico throttles on. Once per copy: a receiver that
                // rejects every token gets its 401s recorded, not a token request per attempt.
                if (status == 401 && token is not null && !tokenRefreshed)
                {
                    tokenRefreshed = true;
                    EmulatorLog.WebhookTokenRejected(_logger, processId, copy, attempt);
                    target.Tokens!.Invalidate(token);
                    awaitingToken = true;
                    token = await target.Tokens.GetAsync(attemptTimeout.Token).ConfigureAwait(false);
                    awaitingToken = false;
                    status = await SendAsync(target, body, token, attemptTimeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                error = awaitingToken
                    ? $"no OAuth2 access token from {target.Tokens!.Client.DisplayEndpoint} within {_options.WebhookAttemptTimeout}"
                    : $"no response within {_options.WebhookAttemptTimeout}";
            }
            catch (OAuth2TokenException exception)
            {
                // Not obtaining a token is a failed attempt like an unreachable receiver: recorded, retried on schedule.
                error = exception.Message;
            }
            catch (HttpRequestException exception)
            {
                error = exception.HttpRequestError + ": " + exception.Message;
            }

            var succeeded = status is >= 200 and <= 299;
            Record(new EmulatedWebhookDelivery(processId, copy, attempt, status, succeeded, error, _options.TimeProvider.GetUtcNow(), Encoding.UTF8.GetString(body)));
            EmulatorLog.WebhookAttempt(_logger, processId, copy, attempt, status, error);
            if (succeeded)
            {
                return;
            }

            if (attempt < _options.WebhookMaxAttempts)
            {
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.WebhookMaxRetryDelay.Ticks));
            }
        }

        EmulatorLog.WebhookGaveUp(_logger, processId, copy, _options.WebhookMaxAttempts);
    }

    /// <summary>One POST of the notification; a new request each time, as a sent one cannot be sent again.</summary>
    private async Task<int> SendAsync(WebhookTarget target, byte[] body, OAuth2AccessToken? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
        else
        {
            target.Authentication.Apply(request);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    private void Record(EmulatedWebhookDelivery delivery)
    {
        lock (_gate)
        {
            _deliveries.Add(delivery);
            foreach (var waiter in _waiters)
            {
                if (waiter.IsSatisfiedBy(_deliveries))
                {
                    waiter.Completion.TrySetResult();
                }
            }
        }
    }

    private sealed class Waiter(int count, bool successfulOnly)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsSatisfiedBy(List<EmulatedWebhookDelivery> deliveries) =>
            deliveries.Count(d => !successfulOnly || d.Succeeded) >= count;
    }
}
