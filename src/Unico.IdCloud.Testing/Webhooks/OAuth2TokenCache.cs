using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The access token of one configured OAuth2 webhook: reused while usable, fetched by a single request however many
/// deliveries ask at once (concurrent deliveries wait for the same fetch), and dropped when a receiver rejects it. One
/// per <see cref="IdCloudEmulator.ConfigureWebhook"/> call, as a new registration at Unico would start afresh.
/// </summary>
internal sealed class OAuth2TokenCache
{
    private readonly OAuth2ClientCredentials _client;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly object _gate = new();
    private OAuth2AccessToken? _current;
    private Task<OAuth2AccessToken>? _pending;

    public OAuth2TokenCache(OAuth2ClientCredentials client, HttpClient http, TimeProvider time, TimeSpan timeout, ILogger logger, CancellationToken stopping)
    {
        _client = client;
        _http = http;
        _time = time;
        _timeout = timeout;
        _logger = logger;
        _stopping = stopping;
    }

    public OAuth2ClientCredentials Client => _client;

    /// <summary>
    /// A usable token, fetching one if needed. <paramref name="cancellationToken"/> only stops this caller's wait: the
    /// fetch is shared, so one delivery's attempt timeout must not fail the others waiting on it.
    /// </summary>
    /// <exception cref="OAuth2TokenException">The provider gave no usable token.</exception>
    public Task<OAuth2AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        Task<OAuth2AccessToken> fetch;
        lock (_gate)
        {
            if (_current is { } token && token.IsUsableAt(_time.GetUtcNow()))
            {
                return Task.FromResult(token);
            }

            // Started outside the caller's flow (Task.Run) so the request never runs under this lock, and so the one
            // fetch is owned by no single delivery.
            fetch = _pending ??= Task.Run(FetchAsync, CancellationToken.None);
        }

        return fetch.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets <paramref name="rejected"/> after a receiver answered 401 to it. A token already replaced is left alone:
    /// several deliveries rejected with the same stale token then cause one fetch, not one each.
    /// </summary>
    public void Invalidate(OAuth2AccessToken rejected)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_current, rejected))
            {
                _current = null;
            }
        }
    }

    private async Task<OAuth2AccessToken> FetchAsync()
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
            timeout.CancelAfter(_timeout);
            OAuth2AccessToken token;
            try
            {
                token = await OAuth2TokenRequest.SendAsync(_http, _client, _time, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (!_stopping.IsCancellationRequested)
            {
                throw new OAuth2TokenException($"the OAuth2 token endpoint {_client.DisplayEndpoint} did not answer within {_timeout}", exception);
            }

            lock (_gate)
            {
                _current = token;
                _pending = null;
            }

            EmulatorLog.WebhookTokenObtained(_logger, _client.ClientId, _client.DisplayEndpoint, token.Lifetime);
            return token;
        }
        catch (Exception exception)
        {
            // The next delivery attempt starts a new fetch; waiters of this one all see this failure.
            lock (_gate)
            {
                _pending = null;
            }

            if (exception is OAuth2TokenException)
            {
                EmulatorLog.WebhookTokenFailed(_logger, _client.ClientId, exception.Message);
            }

            throw;
        }
    }
}
