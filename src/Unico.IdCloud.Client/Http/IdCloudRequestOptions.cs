namespace Unico.IdCloud.Client.Http;

/// <summary>
/// What travels with a request through the handler chain (<see cref="HttpRequestMessage.Options"/>). Handlers are
/// pooled and shared by concurrent calls, so anything per call lives here, never in a handler field.
/// </summary>
internal static class IdCloudRequestOptions
{
    /// <summary>How many retries the resilience handler made for this request (0 before the first retry).</summary>
    public static readonly HttpRequestOptionsKey<int> RetryCountKey = new("Unico.IdCloud.RetryCount");

    /// <summary>
    /// The operation the request performs. Requests that were not tagged (for example sent through the named
    /// client by user code) are treated as idempotent only for GET, HEAD and OPTIONS.
    /// </summary>
    public static IdCloudOperation GetOperation(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(IdCloudOperation.OptionsKey, out var operation) && operation is not null)
        {
            return operation;
        }

        var method = request.Method;
        var safe = method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;
        return new IdCloudOperation(method.Method, IsIdempotent: safe, IsDownload: false);
    }

    /// <summary>The retries made so far for <paramref name="request"/> (0 when none or unknown).</summary>
    public static int GetRetryCount(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(RetryCountKey, out var count) ? count : 0;

    /// <summary>Records the retries made so far for <paramref name="request"/>.</summary>
    public static void SetRetryCount(HttpRequestMessage request, int count) => request.Options.Set(RetryCountKey, count);
}
