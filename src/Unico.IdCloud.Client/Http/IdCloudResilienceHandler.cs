using System.Runtime.ExceptionServices;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// Runs each request through its client's resilience pipeline (total timeout → retry → circuit breaker → attempt
/// timeout; see <see cref="IdCloudResiliencePipelineProvider"/> and <see cref="IdCloudResilienceOptions"/>).
/// </summary>
/// <remarks>
/// <para>
/// Retries re-send the same <see cref="HttpRequestMessage"/>: its content is never disposed here, so a buffered
/// body (JSON, form) goes out intact on every attempt. The response of a discarded attempt is disposed.
/// </para>
/// <para>
/// The handler returns as soon as the response headers arrive. A download's body is streamed afterwards by the
/// caller, outside the pipeline: it is never retried once streaming has started, and from then on only the
/// caller's cancellation token bounds it (<see cref="IdCloudResilienceOptions.DownloadTimeout"/> covers the time
/// to the response headers, including retries).
/// </para>
/// <para>
/// Failures leave as the <see cref="IdCloudException"/> family: a timeout is an <see cref="IdCloudTransportException"/>
/// of kind <see cref="IdCloudErrorKind.Timeout"/> (never confused with the caller's cancellation, which surfaces as
/// <see cref="OperationCanceledException"/>), an open breaker an <see cref="IdCloudCircuitOpenException"/>. Non-success
/// answers are returned as responses for <see cref="IdCloudHttp"/> to map. The retry count is stored in the request's
/// options (<see cref="IdCloudRequestOptions.RetryCountKey"/>). The handler holds no per-request state.
/// </para>
/// </remarks>
internal sealed class IdCloudResilienceHandler : DelegatingHandler
{
    private readonly IdCloudResiliencePipelineProvider _provider;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates the handler for the named client; its pipeline comes from the singleton provider.</summary>
    public IdCloudResilienceHandler(IdCloudResiliencePipelineProvider provider, string clientName)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _pipeline = provider.GetPipeline(clientName);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = IdCloudRequestOptions.GetOperation(request);
        IdCloudRequestOptions.SetRetryCount(request, 0);

        var context = ResilienceContextPool.Shared.Get(operation.Name, continueOnCapturedContext: false, cancellationToken);
        try
        {
            context.Properties.Set(IdCloudResiliencePipelineProvider.RequestKey, request);
            context.Properties.Set(IdCloudResiliencePipelineProvider.OperationKey, operation);
            context.Properties.Set(
                IdCloudResiliencePipelineProvider.DeadlineKey,
                _provider.TimeProvider.GetUtcNow() + _provider.TotalBudget(operation));

            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var response = await state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(response);
                    }
#pragma warning disable CA1031 // Every failure becomes an outcome the strategies can classify.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);

            if (outcome.Exception is { } exception)
            {
                throw Translate(exception, request, operation, cancellationToken);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static Exception Translate(Exception exception, HttpRequestMessage request, IdCloudOperation operation, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The caller's own cancellation: surface it untouched (never retried, never a timeout).
            ExceptionDispatchInfo.Throw(exception);
        }

        return exception switch
        {
            BrokenCircuitException broken => IdCloudErrorMapper.FromBrokenCircuit(request, operation, broken),
            TimeoutRejectedException or OperationCanceledException or HttpRequestException or IOException =>
                IdCloudErrorMapper.FromTransportFailure(request, operation, exception),
            _ => Rethrow(exception),
        };
    }

    private static Exception Rethrow(Exception exception)
    {
        ExceptionDispatchInfo.Throw(exception);
        return exception;
    }
}
