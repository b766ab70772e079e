using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// What travels with a request through the handler chain (<see cref="HttpRequestMessage.Options"/>). Handlers are
/// pooled and shared by concurrent calls, so anything per call lives here, never in a handler field.
/// </summary>
internal static class IdCloudRequestOptions
{
    private static readonly object BoxedTrue = true;

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

    /// <summary>Set by the authentication handlers just before the request is handed to the connection: from then on it may have left.</summary>
    public static readonly HttpRequestOptionsKey<bool> MayHaveBeenSentKey = new("Unico.IdCloud.MayHaveBeenSent");

    /// <summary>Set by the authentication handler when it refreshed the token and resent the request after a 401.</summary>
    public static readonly HttpRequestOptionsKey<bool> ResentAfter401Key = new("Unico.IdCloud.ResentAfter401");

    /// <summary>
    /// The <c>clientReference</c> of the request, for the "may have been processed" signal. Callers building the
    /// request may set it explicitly; otherwise it is read from a JSON CreateProcess body object (never by parsing bytes).
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> ClientReferenceKey = new("Unico.IdCloud.ClientReference");

    /// <summary>
    /// Marks <paramref name="request"/> as possibly sent, and tells the typed client that made the call
    /// (<see cref="IdCloudSendWitness"/>), which Refit's own cancellation would otherwise leave in the dark.
    /// </summary>
    /// <remarks>
    /// Stored through the dictionary view with one shared boxed <see langword="true"/>: <c>Options.Set(key, true)</c>
    /// would box a new <see cref="bool"/> on every call of every request. Readers see a <see cref="bool"/> as before.
    /// </remarks>
    public static void MarkMayHaveBeenSent(HttpRequestMessage request)
    {
        ((IDictionary<string, object?>)request.Options)[MayHaveBeenSentKey.Key] = BoxedTrue;
        IdCloudSendWitness.RecordMayHaveBeenSent();
    }

    /// <summary>Whether <paramref name="request"/> was handed to the connection (so it may have reached the server).</summary>
    public static bool MayHaveBeenSent(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(MayHaveBeenSentKey, out var sent) && sent;

    /// <summary>The request's <c>clientReference</c>, when known.</summary>
    public static string? GetClientReference(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return null;
        }

        if (request.Options.TryGetValue(ClientReferenceKey, out var reference) && !string.IsNullOrEmpty(reference))
        {
            return reference;
        }

        return request.Content is Serialization.IdCloudCreateProcessContent { Request: var body } ? body.ClientReference : null;
    }
}
