using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client;

/// <summary>
/// The outermost handler of the process and signature clients: attaches the <see cref="IdCloudOperation"/> of a
/// request made through a generated Refit interface, so that telemetry, resilience (CreateProcess is not retried once
/// it may have reached the server; downloads have their own budget) and error mapping know what the request does
/// without parsing URLs. Requests that already carry an operation are left alone. Holds no state.
/// </summary>
internal sealed class IdCloudOperationHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Tag(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Tag(request);
        return base.Send(request, cancellationToken);
    }

    private static void Tag(HttpRequestMessage request)
    {
        if (!request.Options.TryGetValue(IdCloudOperation.OptionsKey, out var existing) || existing is null)
        {
            request.Options.Set(IdCloudOperation.OptionsKey, IdCloudRefitOperations.Of(request));
        }
    }
}
