using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Diagnostics;

/// <summary>
/// Outermost handler of every IDCloud client: one activity, one duration measurement and one log event per API
/// operation, around all retries. Place it before (outside) the resilience handler so the retry count it reports is
/// final.
/// </summary>
/// <remarks>Holds no per-request state: IHttpClientFactory pools and shares handler instances.</remarks>
internal sealed class IdCloudTelemetryHandler : DelegatingHandler
{
    private readonly IdCloudTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public IdCloudTelemetryHandler(IdCloudTelemetry telemetry, ILogger<IdCloudTelemetryHandler> logger, TimeProvider timeProvider)
    {
        _telemetry = telemetry;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = IdCloudRequestOptions.GetOperation(request);
        using var activity = _telemetry.StartOperation(operation, request);
        var started = _timeProvider.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
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
            _telemetry.RecordOperation(activity, operation, elapsed, statusCode, errorType, retries);
            if (errorKind is not null && _logger.IsEnabled(LogLevel.Warning))
            {
                IdCloudLog.RequestFailed(_logger, operation.Name, request.Method.Method, IdCloudErrorMapper.SafeUri(request.RequestUri), errorKind.Value, statusCode, (long)elapsed.TotalMilliseconds, retries);
            }

            throw;
        }

        var duration = _timeProvider.GetElapsedTime(started);
        var retryCount = IdCloudRequestOptions.GetRetryCount(request);
        var code = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            _telemetry.RecordOperation(activity, operation, duration, code, errorType: null, retryCount);
            // The redacted URL is a new string and Uri: build it only when the event is actually written.
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var url = IdCloudErrorMapper.SafeUri(request.RequestUri);
                IdCloudLog.RequestSucceeded(_logger, operation.Name, request.Method.Method, url, code, (long)duration.TotalMilliseconds, retryCount);
            }
        }
        else
        {
            var kind = IdCloudErrorMapper.KindFromStatus(response.StatusCode);
            _telemetry.RecordOperation(activity, operation, duration, code, kind.ToString(), retryCount);
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                IdCloudLog.RequestFailed(_logger, operation.Name, request.Method.Method, IdCloudErrorMapper.SafeUri(request.RequestUri), kind, code, (long)duration.TotalMilliseconds, retryCount);
            }
        }

        return response;
    }
}
