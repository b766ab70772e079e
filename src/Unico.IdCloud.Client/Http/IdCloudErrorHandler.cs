using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// The outer end of every IDCloud client's pipeline, just inside the operation tag and outside the resilience handler.
/// It does two things in one async frame (two handlers cost a second frame, task and hop on every call):
/// <b>telemetry</b>, one activity, one duration measurement and one log event per API operation around all retries
/// (so the retry count it reports is final), and the pipeline's single exit for failures:
/// every transport failure, timeout, open circuit and non-success answer leaves as an <see cref="IdCloudException"/>
/// built by <see cref="IdCloudErrorMapper"/>, and every success body is handed on bounded
/// (<see cref="IdCloudBoundedContent"/>): read within the call's budget and, for JSON operations, under
/// <see cref="IdCloudResilienceOptions.MaxResponseBodySize"/>.
/// </summary>
/// <remarks>
/// <para>
/// Whatever reads the body afterwards (Refit, the convenience layer, user code holding the named client) gets the
/// same guarantees without knowing about them: a hostile or broken server can neither hang the call past its budget
/// nor exhaust memory, and what it does surfaces as the SDK's exception.
/// </para>
/// <para>
/// A caller's own cancellation stays an <see cref="OperationCanceledException"/>. When it interrupts an operation that
/// is not idempotent (CreateProcess) after the request may have left, it is an
/// <see cref="IdCloudOperationCanceledException"/> that says so and carries the <c>clientReference</c>.
/// </para>
/// <para>
/// Telemetry sees what the caller sees: a failure is recorded with the <see cref="IdCloudErrorKind"/> of the
/// exception the caller gets, and the duration includes reading an error body. The log category stays
/// <see cref="OperationLogCategory"/> (the name of the former separate telemetry handler) so existing log filters keep working.
/// </para>
/// <para>Holds no per-request state: IHttpClientFactory pools and shares handler instances.</para>
/// </remarks>
internal sealed class IdCloudErrorHandler : DelegatingHandler
{
    /// <summary>The category of the per-operation log events (2000 succeeded, 2001 failed).</summary>
    public const string OperationLogCategory = "Unico.IdCloud.Client.Diagnostics.IdCloudTelemetryHandler";

    private readonly IdCloudResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IdCloudTelemetry? _telemetry;
    private readonly ILogger _logger;
    private readonly string _account;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Budgets and limits (a snapshot is taken).</param>
    /// <param name="timeProvider">The clock of every budget and of the measured durations.</param>
    /// <param name="telemetry">Where activities and measurements go; <see langword="null"/> for none (one-piece tests).</param>
    /// <param name="logger">The logger of the per-operation events (category <see cref="OperationLogCategory"/>); none when <see langword="null"/>.</param>
    /// <param name="account">The account's <c>idcloud.account</c> value in telemetry and logs.</param>
    public IdCloudErrorHandler(IdCloudResilienceOptions options, TimeProvider timeProvider, IdCloudTelemetry? telemetry = null, ILogger? logger = null, string account = IdCloudTelemetry.DefaultAccount)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _telemetry = telemetry;
        _logger = logger ?? NullLogger.Instance;
        _account = account;
        _options = new IdCloudResilienceOptions
        {
            TotalTimeout = options.TotalTimeout,
            DownloadTimeout = options.DownloadTimeout,
            DownloadIdleTimeout = options.DownloadIdleTimeout,
            MaxResponseBodySize = options.MaxResponseBodySize,
        };
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = IdCloudRequestOptions.GetOperation(request);
        using var activity = _telemetry?.StartOperation(operation, request, _account);
        var started = _timeProvider.GetTimestamp();
        var budget = operation.IsDownload ? _options.DownloadTimeout : _options.TotalTimeout;
        var deadline = _timeProvider.GetUtcNow() + budget;

        HttpResponseMessage response;
        try
        {
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (IdCloudException)
            {
                throw;
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                if (IdCloudErrorMapper.FromCancellation(request, operation, ex, cancellationToken) is { } signal)
                {
                    throw signal;
                }

                throw;
            }
            catch (BrokenCircuitException ex)
            {
                throw IdCloudErrorMapper.FromBrokenCircuit(request, operation, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or TimeoutRejectedException)
            {
                throw IdCloudErrorMapper.FromTransportFailure(request, operation, ex);
            }

            // Every failure built from this response names its request (redacted), whatever handler produced the response.
            response.RequestMessage ??= request;

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    // The error body is read within what is left of the budget too: a trickling error page cannot hang the call.
                    using var remaining = new CancellationTokenSource(Remaining(deadline), _timeProvider);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, remaining.Token);
                    throw await IdCloudErrorMapper.FromResponseAsync(response, operation, _timeProvider, linked.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            RecordFailure(activity, operation, request, started, ex, cancellationToken);
            throw;
        }

        var maxBytes = operation.IsDownload ? -1 : _options.MaxResponseBodySize;
        if (maxBytes >= 0 && response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            using (response)
            {
                var oversized = IdCloudErrorMapper.FromOversizedBody(response, operation, maxBytes, declared);
                RecordFailure(activity, operation, request, started, oversized, cancellationToken);
                throw oversized;
            }
        }

        response.Content = new IdCloudBoundedContent(
            response,
            operation,
            maxBytes,
            Remaining(deadline),
            operation.IsDownload ? _options.DownloadIdleTimeout : Timeout.InfiniteTimeSpan,
            _timeProvider);
        RecordSuccess(activity, operation, request, started, (int)response.StatusCode);
        return response;
    }

    private void RecordSuccess(System.Diagnostics.Activity? activity, IdCloudOperation operation, HttpRequestMessage request, long started, int statusCode)
    {
        var duration = _timeProvider.GetElapsedTime(started);
        var retryCount = IdCloudRequestOptions.GetRetryCount(request);
        _telemetry?.RecordOperation(activity, operation, _account, duration, statusCode, errorType: null, retryCount);

        // The redacted URL is a new string and Uri: build it only when the event is actually written.
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var url = IdCloudErrorMapper.SafeUri(request.RequestUri);
            IdCloudLog.RequestSucceeded(_logger, operation.Name, request.Method.Method, url, statusCode, (long)duration.TotalMilliseconds, retryCount, _account);
        }
    }

    private void RecordFailure(System.Diagnostics.Activity? activity, IdCloudOperation operation, HttpRequestMessage request, long started, Exception ex, CancellationToken cancellationToken)
    {
        var errorKind = ex switch
        {
            IdCloudException idCloud => idCloud.Kind,
            OperationCanceledException when cancellationToken.IsCancellationRequested => (IdCloudErrorKind?)null,
            OperationCanceledException => IdCloudErrorKind.Timeout,
            _ => IdCloudErrorKind.Transport,
        };
        var errorType = errorKind?.ToString() ?? "Cancelled";
        var statusCode = ex is IdCloudException { StatusCode: { } status } ? (int?)status : null;
        var retries = IdCloudRequestOptions.GetRetryCount(request);
        var elapsed = _timeProvider.GetElapsedTime(started);
        _telemetry?.RecordOperation(activity, operation, _account, elapsed, statusCode, errorType, retries);
        if (errorKind is not null && _logger.IsEnabled(LogLevel.Warning))
        {
            IdCloudLog.RequestFailed(_logger, operation.Name, request.Method.Method, IdCloudErrorMapper.SafeUri(request.RequestUri), errorKind.Value, statusCode, (long)elapsed.TotalMilliseconds, retries, _account);
        }
    }

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - _timeProvider.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }
}
