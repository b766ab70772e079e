using System.Net;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// The one place where failures become <see cref="IdCloudException"/>s. (First version: classifies by status;
/// the body parsing of every documented error shape is added with the pipeline issue.)
/// </summary>
internal static class IdCloudErrorMapper
{
    public static async ValueTask<IdCloudException> FromResponseAsync(
        HttpResponseMessage response,
        IdCloudOperation operation,
        IdCloudApi api,
        CancellationToken cancellationToken)
    {
        _ = api;
        _ = cancellationToken;
        await Task.CompletedTask.ConfigureAwait(false);
        var status = response.StatusCode;
        var message = $"{operation.Name} failed with HTTP {(int)status} ({status}).";
        return status switch
        {
            HttpStatusCode.NotFound => new IdCloudNotFoundException(message) { Kind = IdCloudErrorKind.NotFound, StatusCode = status, RequestUri = SafeUri(response.RequestMessage?.RequestUri), RequestMethod = response.RequestMessage?.Method.Method },
            HttpStatusCode.TooManyRequests => new IdCloudRateLimitedException(message) { Kind = IdCloudErrorKind.RateLimited, StatusCode = status, RequestUri = SafeUri(response.RequestMessage?.RequestUri), RequestMethod = response.RequestMessage?.Method.Method },
            _ => new IdCloudApiException(message) { Kind = IdCloudErrorKind.Unknown, StatusCode = status, RequestUri = SafeUri(response.RequestMessage?.RequestUri), RequestMethod = response.RequestMessage?.Method.Method },
        };
    }

    public static IdCloudException FromTransportFailure(HttpRequestMessage? request, IdCloudOperation operation, Exception exception)
    {
        var timedOut = exception is OperationCanceledException;
        return new IdCloudTransportException(
            timedOut ? $"{operation.Name} timed out." : $"{operation.Name} failed: the connection failed or broke.",
            exception)
        {
            Kind = timedOut ? IdCloudErrorKind.Timeout : IdCloudErrorKind.Transport,
            RequestUri = SafeUri(request?.RequestUri),
            RequestMethod = request?.Method.Method,
            RequestMayHaveBeenProcessed = !operation.IsIdempotent,
        };
    }

    public static IdCloudException FromUnreadableBody(HttpResponseMessage response, IdCloudOperation operation, string expected, Exception? innerException) =>
        new IdCloudInvalidResponseException(
            $"{operation.Name} succeeded (HTTP {(int)response.StatusCode}) but the body could not be read as {expected}.",
            innerException)
        {
            Kind = IdCloudErrorKind.InvalidResponse,
            StatusCode = response.StatusCode,
            RequestUri = SafeUri(response.RequestMessage?.RequestUri),
            RequestMethod = response.RequestMessage?.Method.Method,
        };

    /// <summary>The URL without query string, fragment or user info: safe to show in messages and logs.</summary>
    public static Uri? SafeUri(Uri? uri) =>
        uri is null ? null : uri.IsAbsoluteUri ? new Uri(uri.GetLeftPart(UriPartial.Path)) : uri;
}
