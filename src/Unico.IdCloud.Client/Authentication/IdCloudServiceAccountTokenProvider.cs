using Microsoft.Extensions.Logging;

using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client.Authentication;

/// <summary>
/// The default <see cref="IIdCloudTokenProvider"/>: exchanges a signed assertion for an access token and caches it
/// for every client of one service account. Register one instance per service account (a singleton).
/// </summary>
/// <remarks>
/// <para><b>Single flight.</b> At most one token request is in flight at any time. Every caller that needs a token
/// while it runs waits for that same request; the request runs on its own, bounded by
/// <see cref="IdCloudTokenOptions.TokenRequestTimeout"/> and never by one caller's cancellation token, so a caller
/// that gives up cancels only its own wait.</para>
/// <para><b>Proactive refresh.</b> From <see cref="IdCloudTokenOptions.RefreshBeforeExpiry"/> before expiry (or half
/// the token's lifetime, if shorter) the first caller starts a renewal in the background and every caller keeps
/// getting the still-valid token at once. If that renewal fails the token stays in use and renewal is tried again 30 s
/// later. A token is never handed out at or after its expiry: from then on callers wait for a new one.</para>
/// <para><b>Distinct assertions.</b> RS256 is deterministic and Unico forbids <c>jti</c>, so two assertions with the
/// same <c>iat</c> would be byte-identical and the second rejected as a replay (1.2.7). Each assertion gets
/// <c>iat = max(now, previous iat + 1)</c> in whole seconds: when two requests fall in the same second the second is
/// dated one second ahead (never more; if that would be needed, the request waits for the clock instead). Nothing is
/// back-dated. This also caps token requests per account at about one per second. That keeps one process apart from
/// itself; other instances of the application that share the account mint in the same second too, so <c>exp</c> is
/// drawn at random per assertion between <c>iat + AssertionLifetime</c> and <c>iat + 3600</c> (Unico's ceiling):
/// assertions from different instances differ even within one second (the claim set stays exactly the five Unico
/// accepts). An assertion is single-use and exchanged at once, so a later <c>exp</c> lengthens no token's life.</para>
/// <para><b>Failures.</b> Transient failures (network, timeout, HTTP 5xx/408/429, code 1.2.7) are retried up to
/// <see cref="IdCloudTokenOptions.MaxTransientAttempts"/> attempts in total, 1 s, 2 s, 4 s… apart (longer if the
/// service sends <c>Retry-After</c>, capped at 30 s), each with a freshly signed assertion. After a 1.2.7 replay the
/// wait is jittered (between half and one and a half times the back-off) so instances that collided once do not
/// collide again on the retry. Any other refusal
/// (misconfiguration codes, unknown codes, 4xx without a code) is not retried and pauses token requests for
/// <see cref="IdCloudTokenOptions.ConfigurationErrorThrottle"/>: during the pause callers get the same error at once
/// and nothing is sent, because repeated invalid attempts lock the account (1.2.18). A failed request leaves nothing
/// behind: the next caller after it (and after any pause) tries again.</para>
/// <para><b>Shared store.</b> With an <see cref="IIdCloudSharedTokenStore"/> (several instances of the application),
/// the one acquisition in flight first reads the shared token; only if none is usable does it take the store's lease,
/// read again, request a token and publish it. Instances without the lease poll the store until the token appears;
/// if none appears within the token request's own budget (a holder that hangs), they request one themselves. A token
/// the API rejected (401) is removed from the store too, unless it was replaced meanwhile.</para>
/// <para>All time comes from the <see cref="TimeProvider"/>.</para>
/// </remarks>
internal sealed class IdCloudServiceAccountTokenProvider : IIdCloudTokenProvider, IDisposable
{
    /// <summary>After a failed background renewal, how long callers keep the current token before the next try.</summary>
    internal static readonly TimeSpan BackgroundRetryDelay = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    /// <summary>How often an instance without the shared lease looks for the token another instance is requesting.</summary>
    private static readonly TimeSpan SharedPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A shared token is used only with this much life left: instances' clocks differ a little.</summary>
    private static readonly TimeSpan SharedMinimumRemaining = TimeSpan.FromSeconds(10);

    /// <summary>While another instance renews a token that is due, this instance looks again after this long.</summary>
    private static readonly TimeSpan SharedRecheckDelay = TimeSpan.FromSeconds(2);

    private static readonly long AssertionMaxLifetimeSeconds = (long)IdCloudTokenOptions.MaxAssertionLifetime.TotalSeconds;

    private readonly IdCloudServiceAccountCredentials _credentials;
    private readonly IdCloudAssertionFactory _assertions;
    private readonly IdCloudTokenEndpoint _endpoint;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _assertionLifetimeSeconds;
    private readonly TimeSpan _refreshBeforeExpiry;
    private readonly TimeSpan _requestTimeout;
    private readonly int _maxAttempts;
    private readonly TimeSpan _pauseAfterRefusal;
    private readonly Random _random;
    private readonly IIdCloudSharedTokenStore? _sharedStore;
    private readonly IdCloudTokenCacheKey _cacheKey;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _gate = new();

    // Guarded by _gate.
    private CachedToken? _cached;
    private Task<Outcome>? _inFlight;
    private long _lastIssuedAt;
    private IdCloudTokenFailure? _pauseReason;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _nextBackgroundAttempt;
    private bool _disposed;
    private string? _rejectedValue;
    private readonly IdCloudTelemetry? _telemetry;
    private readonly string _account;

    /// <summary>Creates the provider. Validates the options (throws <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Configuration"/>).</summary>
    /// <param name="credentials">The validated service account; not owned (the caller disposes it).</param>
    /// <param name="identityBaseAddress">The identity host, e.g. <c>https://identityhomolog.acesso.io</c>; also the assertion's audience.</param>
    /// <param name="tokenHttpClient">
    /// The client for the token endpoint. Its pipeline must not contain <see cref="IdCloudAuthenticationHandler"/>
    /// (it would recurse). Its <see cref="HttpClient.BaseAddress"/> is ignored: requests use an absolute address.
    /// </param>
    /// <param name="options">Token settings; copied, later changes have no effect.</param>
    /// <param name="timeProvider">The clock for expiry, refresh, <c>iat</c>, timeouts and back-off.</param>
    /// <param name="logger">Where token events are logged (never secrets).</param>
    /// <param name="telemetry">Counts token acquisitions (the <c>Unico.IdCloud</c> meter); optional.</param>
    /// <param name="random">
    /// Draws each assertion's <c>exp</c> and the jitter after a 1.2.7 replay; tests pass a seeded one. Default
    /// <see cref="Random.Shared"/>. Only the single acquisition in flight uses it, never two threads at once.
    /// </param>
    /// <param name="sharedStore">Shares tokens between instances of the application; optional.</param>
    /// <param name="account">The account's <c>idcloud.account</c> value in the token metric.</param>
    public IdCloudServiceAccountTokenProvider(
        IdCloudServiceAccountCredentials credentials,
        Uri identityBaseAddress,
        HttpClient tokenHttpClient,
        IdCloudTokenOptions options,
        TimeProvider timeProvider,
        ILogger<IdCloudServiceAccountTokenProvider> logger,
        IdCloudTelemetry? telemetry = null,
        Random? random = null,
        IIdCloudSharedTokenStore? sharedStore = null,
        string account = IdCloudTelemetry.DefaultAccount)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(identityBaseAddress);
        ArgumentNullException.ThrowIfNull(tokenHttpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (!identityBaseAddress.IsAbsoluteUri || (identityBaseAddress.Scheme != Uri.UriSchemeHttps && identityBaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The identity base address must be an absolute http(s) address, e.g. https://identity.acesso.io.", nameof(identityBaseAddress));
        }

        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw IdCloudErrors.Configuration(errors[0].Setting, string.Join(" ", errors.Select(e => e.Message)));
        }

        _credentials = credentials;
        var audience = IdCloudAssertionFactory.AudienceOf(identityBaseAddress);
        _assertions = new IdCloudAssertionFactory(credentials, audience);
        _endpoint = new IdCloudTokenEndpoint(tokenHttpClient, new Uri(audience + "/oauth2/token"));
        _time = timeProvider;
        _logger = logger;
        _telemetry = telemetry;
        _account = account;
        _assertionLifetimeSeconds = (long)options.AssertionLifetime.TotalSeconds;
        _refreshBeforeExpiry = options.RefreshBeforeExpiry;
        _requestTimeout = options.TokenRequestTimeout;
        _maxAttempts = options.MaxTransientAttempts;
        _pauseAfterRefusal = options.ConfigurationErrorThrottle;
        _random = random ?? Random.Shared;
        _sharedStore = sharedStore;
        _cacheKey = new IdCloudTokenCacheKey(audience, credentials.TenantId, credentials.AccountName);
    }

    /// <summary>The service account this provider's tokens belong to (the key of a shared store).</summary>
    public IdCloudTokenCacheKey CacheKey => _cacheKey;

    /// <inheritdoc />
    public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        Task<Outcome>? pending = null;
        IdCloudTokenFailure? pauseReason = null;
        DateTimeOffset pausedUntil = default;
        DateTimeOffset checkedAt = default;
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.FromException<IdCloudAccessToken>(new ObjectDisposedException(GetType().FullName));
            }

            var now = _time.GetUtcNow();
            if (_cached is { } cached && now < cached.Token.ExpiresOn)
            {
                if (now >= cached.RefreshAt && _inFlight is null && now >= _nextBackgroundAttempt && !IsPaused(now))
                {
                    _inFlight = StartAcquisition(background: true);
                }

                return new ValueTask<IdCloudAccessToken>(cached.Token);
            }

            if (_inFlight is not null || !IsPaused(now))
            {
                pending = _inFlight ??= StartAcquisition(background: false);
            }
            else
            {
                (pauseReason, pausedUntil, checkedAt) = (_pauseReason!, _pausedUntil, now);
            }
        }

        if (pending is not null)
        {
            return WaitForAsync(pending, cancellationToken);
        }

        // Paused after a refusal: answer with the same error at once, without asking the identity service.
        _logger.TokenRequestPaused(_credentials.Issuer, pausedUntil, pauseReason!.ErrorCode);
        return ValueTask.FromException<IdCloudAccessToken>(pauseReason.ToException(_credentials.Issuer, pausedUntil, checkedAt));
    }

    /// <inheritdoc />
    public void Invalidate(IdCloudAccessToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            if (_cached is null
                || !(ReferenceEquals(_cached.Token, token) || string.Equals(_cached.Token.Value, token.Value, StringComparison.Ordinal)))
            {
                return;
            }

            _cached = null;

            // With a shared store the next acquisition would read the same rejected token back: it removes it instead.
            _rejectedValue = _sharedStore is null ? null : token.Value;
        }

        _logger.TokenInvalidated(_credentials.Issuer);
    }

    /// <summary>
    /// Completes when the token request in flight (if any) has finished and its result is cached. Lets tests observe a
    /// background renewal without polling.
    /// </summary>
    internal Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _inFlight ?? Task.CompletedTask;
        }
    }

    /// <summary>Stops any token request in flight; waiting callers get an error. Does not dispose the credentials.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // Cancelled, not disposed: an acquisition still running reads its token; it holds no timer to release.
        _shutdown.Cancel();
    }

    private bool IsPaused(DateTimeOffset now) => _pauseReason is not null && now < _pausedUntil;

    private async ValueTask<IdCloudAccessToken> WaitForAsync(Task<Outcome> pending, CancellationToken cancellationToken)
    {
        var outcome = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);

        // Each caller gets its own exception instance: one shared instance thrown on many threads would race on its stack trace.
        return outcome.Token ?? throw outcome.Failure!.ToException(_credentials.Issuer);
    }

    /// <summary>Starts the one shared acquisition. Called under the lock.</summary>
    private Task<Outcome> StartAcquisition(bool background)
    {
        var completion = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Run it on the thread pool without the triggering caller's execution context: the request belongs to every
        // caller (not to the first one's activity or async-locals), and a background renewal must not delay the caller.
        ThreadPool.UnsafeQueueUserWorkItem(
            static state => _ = state.Provider.RunAcquisitionAsync(state.Completion, state.Background),
            (Provider: this, Completion: completion, Background: background),
            preferLocal: false);
        return completion.Task;
    }

    private async Task RunAcquisitionAsync(TaskCompletionSource<Outcome> completion, bool background)
    {
        Outcome outcome;
        try
        {
            outcome = await AcquireAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (_shutdown.IsCancellationRequested)
        {
            outcome = new Outcome(null, default, ShutdownFailure(ex));
        }
#pragma warning disable CA1031 // Whatever happens, waiting callers must be released with an error, never left hanging.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            outcome = new Outcome(null, default, new IdCloudTokenFailure
            {
                Reason = $"an unexpected {ex.GetType().Name} occurred while requesting it",
                Advice = "This is likely an SDK defect; please report it with the inner exception's type and stack trace.",
                IsTransient = true,
                Cause = ex,
                RequestUri = _endpoint.TokenUri,
            });
        }

        DateTimeOffset? pausedUntil = null;
        DateTimeOffset? keptUntil = null;
        DateTimeOffset nextBackgroundAttempt = default;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _inFlight = null;
            if (outcome.Token is { } token)
            {
                _cached = new CachedToken(token, outcome.RefreshAt);
                _pauseReason = null;
                _nextBackgroundAttempt = DateTimeOffset.MinValue;
            }
            else
            {
                if (outcome.Failure!.PausesTokenRequests)
                {
                    _pauseReason = outcome.Failure;
                    _pausedUntil = now + _pauseAfterRefusal;
                    pausedUntil = _pausedUntil;
                }

                if (background)
                {
                    _nextBackgroundAttempt = nextBackgroundAttempt = now + BackgroundRetryDelay;
                    keptUntil = _cached?.Token.ExpiresOn;
                }
            }
        }

        // Logged outside the lock: a slow logging provider must not hold up callers that have a valid token.
        _telemetry?.RecordTokenRefresh(outcome.Token is not null, outcome.Failure is null ? null : IdCloudErrorKind.Authentication, _account);
        if (outcome.Failure is { } failed)
        {
            if (pausedUntil is { } until)
            {
                _logger.TokenRequestRefused(_credentials.Issuer, failed.Reason, failed.Advice, until);
            }
            else
            {
                _logger.TokenRequestFailed(_credentials.Issuer, failed.Attempts, failed.Reason, failed.Advice, failed.Cause);
            }

            if (keptUntil is { } expiresOn)
            {
                _logger.BackgroundRefreshFailed(_credentials.Issuer, expiresOn, nextBackgroundAttempt);
            }
        }

        completion.SetResult(outcome);
    }

    private Task<Outcome> AcquireAsync() =>
        _sharedStore is null ? RequestTokenAsync() : AcquireSharedAsync(_sharedStore);

    /// <summary>Takes the token another instance shared, or requests one under the store's lease and shares it.</summary>
    private async Task<Outcome> AcquireSharedAsync(IIdCloudSharedTokenStore store)
    {
        // How long to wait for another instance: about what one token request of ours may take with its retries.
        var waitLimit = _requestTimeout * _maxAttempts;
        var started = _time.GetTimestamp();
        using var waitBudget = new CancellationTokenSource(waitLimit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(waitBudget.Token, _shutdown.Token);
        var cancellationToken = linked.Token;
        try
        {
            while (true)
            {
                var shared = await ReadSharedAsync(store, cancellationToken).ConfigureAwait(false);
                if (shared is not null && _time.GetUtcNow() < SharedRefreshTimeOf(shared))
                {
                    _logger.SharedTokenUsed(_credentials.Issuer, shared.ExpiresOn);
                    return new Outcome(shared, SharedRefreshTimeOf(shared), null);
                }

                var lease = await store.TryAcquireLeaseAsync(_cacheKey, cancellationToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    await using (lease.ConfigureAwait(false))
                    {
                        // Another instance may have published between the read and the lease.
                        var again = await ReadSharedAsync(store, cancellationToken).ConfigureAwait(false);
                        if (again is not null && _time.GetUtcNow() < SharedRefreshTimeOf(again))
                        {
                            return new Outcome(again, SharedRefreshTimeOf(again), null);
                        }

                        var outcome = await RequestTokenAsync().ConfigureAwait(false);
                        if (outcome.Token is { } token)
                        {
                            await lease.PublishAsync(token, _shutdown.Token).ConfigureAwait(false);
                        }

                        return outcome;
                    }
                }

                if (shared is not null)
                {
                    // Due for renewal and another instance is renewing it: keep using it and look again shortly.
                    return new Outcome(shared, _time.GetUtcNow() + SharedRecheckDelay, null);
                }

                await Task.Delay(SharedPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (waitBudget.IsCancellationRequested && !_shutdown.IsCancellationRequested)
        {
            // The holder of the lease is alive (it keeps the lease) but produced nothing in time: do not wait forever.
            _logger.SharedTokenWaitExceeded(_credentials.Issuer, _time.GetElapsedTime(started));
            return await RequestTokenAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads the shared token; drops one this instance saw rejected, and one too close to expiry.</summary>
    private async ValueTask<IdCloudAccessToken?> ReadSharedAsync(IIdCloudSharedTokenStore store, CancellationToken cancellationToken)
    {
        var shared = await store.GetAsync(_cacheKey, cancellationToken).ConfigureAwait(false);
        if (shared is null)
        {
            return null;
        }

        string? rejected;
        lock (_gate)
        {
            rejected = _rejectedValue;
        }

        if (rejected is not null && string.Equals(rejected, shared.Value, StringComparison.Ordinal))
        {
            await store.RemoveAsync(_cacheKey, shared, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return shared.ExpiresOn - _time.GetUtcNow() > SharedMinimumRemaining ? shared : null;
    }

    /// <summary>A shared token's lifetime is unknown here; renewal starts RefreshBeforeExpiry before its expiry.</summary>
    private DateTimeOffset SharedRefreshTimeOf(IdCloudAccessToken token) => token.ExpiresOn - _refreshBeforeExpiry;

    private async Task<Outcome> RequestTokenAsync()
    {
        var shutdown = _shutdown.Token;
        for (var attempt = 1; ; attempt++)
        {
            var issuedAt = await ReserveIssuedAtAsync(shutdown).ConfigureAwait(false);
            var assertion = _assertions.Create(issuedAt, AssertionLifetimeSeconds());

            // Expiry is measured from before the request left, so network time makes the token expire early, not late,
            // and the identity service's clock does not matter (expires_in is relative).
            var sentAt = _time.GetUtcNow();
            IdCloudTokenEndpoint.Success? success;
            IdCloudTokenFailure? failure;
            using (var timeout = new CancellationTokenSource(_requestTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, shutdown))
            {
                (success, failure) = await _endpoint.ExchangeAsync(assertion, linked.Token).ConfigureAwait(false);
            }

            shutdown.ThrowIfCancellationRequested();
            if (success is not null)
            {
                var token = new IdCloudAccessToken(success.AccessToken, success.TokenType, sentAt + success.ExpiresIn);
                var refreshAt = RefreshTimeOf(token.ExpiresOn, success.ExpiresIn);
                _logger.TokenObtained(_credentials.Issuer, (long)success.ExpiresIn.TotalSeconds, refreshAt);
                return new Outcome(token, refreshAt, null);
            }

            failure = failure! with { Attempts = attempt };
            if (!failure.IsTransient || attempt >= _maxAttempts)
            {
                return new Outcome(null, default, failure);
            }

            var delay = RetryDelay(attempt, failure.RetryAfter, jitter: failure.ErrorCode == IdCloudTokenErrorCatalog.AssertionReplayed);
            _logger.TokenAttemptFailed(_credentials.Issuer, attempt, _maxAttempts, failure.Reason, delay, failure.Cause);
            await Task.Delay(delay, _time, shutdown).ConfigureAwait(false);
        }
    }

    /// <summary>Reserves a never-used <c>iat</c>: max(now, last + 1), at most one second ahead of the clock.</summary>
    private async ValueTask<long> ReserveIssuedAtAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                var nowSeconds = now.ToUnixTimeSeconds();
                var issuedAt = Math.Max(nowSeconds, _lastIssuedAt + 1);
                if (issuedAt <= nowSeconds + 1)
                {
                    _lastIssuedAt = issuedAt;
                    return issuedAt;
                }

                wait = DateTimeOffset.FromUnixTimeSeconds(issuedAt - 1) - now;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Renewal starts RefreshBeforeExpiry before expiry, or at half the lifetime for short-lived tokens.</summary>
    private DateTimeOffset RefreshTimeOf(DateTimeOffset expiresOn, TimeSpan lifetime)
    {
        var lead = lifetime / 2 < _refreshBeforeExpiry ? lifetime / 2 : _refreshBeforeExpiry;
        return expiresOn - lead;
    }

    /// <summary>
    /// <c>exp - iat</c> for the next assertion: uniform in [AssertionLifetime, 3600] seconds, so instances that share
    /// the account and sign in the same second still send different assertions (RS256 is deterministic and Unico
    /// forbids <c>jti</c>). With the default 5 minutes there are 3301 values: ten instances in one second collide with
    /// a chance of about 1.4 %, and a collision costs one jittered retry, not a failure.
    /// </summary>
    private long AssertionLifetimeSeconds() =>
        _random.NextInt64(_assertionLifetimeSeconds, AssertionMaxLifetimeSeconds + 1);

    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter, bool jitter)
    {
        var backoff = FirstRetryDelay * Math.Pow(2, attempt - 1);
        if (jitter)
        {
            // Instances that sent identical assertions also got the same answer at the same time: a fixed back-off
            // would make them sign in the same second again.
            backoff *= 0.5 + _random.NextDouble();
        }

        var delay = retryAfter is { } asked && asked > backoff ? asked : backoff;
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    private IdCloudTokenFailure ShutdownFailure(Exception cause) => new()
    {
        Reason = "the token provider was disposed (the application is stopping)",
        Advice = "No action needed if the application is shutting down.",
        IsTransient = true,
        Cause = cause,
        RequestUri = _endpoint.TokenUri,
    };

    private sealed record CachedToken(IdCloudAccessToken Token, DateTimeOffset RefreshAt);

    private readonly record struct Outcome(IdCloudAccessToken? Token, DateTimeOffset RefreshAt, IdCloudTokenFailure? Failure);
}
