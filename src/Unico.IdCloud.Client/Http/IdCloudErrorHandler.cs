using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// The pipeline's single exit for failures, just inside the telemetry handler and outside the resilience handler:
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
/// <para>Holds no per-request state: IHttpClientFactory pools and shares handler instances.</para>
/// </remarks>
internal sealed class IdCloudErrorHandler : DelegatingHandler
{
    private readonly IdCloudResilienceOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Budgets and limits (a snapshot is taken).</param>
    /// <param name="timeProvider">The clock of every budget.</param>
    public IdCloudErrorHandler(IdCloudResilienceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
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
        var budget = operation.IsDownload ? _options.DownloadTimeout : _options.TotalTimeout;
        var deadline = _timeProvider.GetUtcNow() + budget;

        HttpResponseMessage response;
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

        var maxBytes = operation.IsDownload ? -1 : _options.MaxResponseBodySize;
        if (maxBytes >= 0 && response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            using (response)
            {
                throw IdCloudErrorMapper.FromOversizedBody(response, operation, maxBytes, declared);
            }
        }

        response.Content = new IdCloudBoundedContent(
            response,
            operation,
            maxBytes,
            Remaining(deadline),
            operation.IsDownload ? _options.DownloadIdleTimeout : Timeout.InfiniteTimeSpan,
            _timeProvider);
        return response;
    }

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - _timeProvider.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }
}
