using System.Net;
using System.Text.Json;
using Refit;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Client;

/// <summary>
/// The Refit settings of every generated IDCloud interface: the source-generated JSON serializer and the three
/// exception factories, each a thin adapter to the SDK's one error mapper (<see cref="IdCloudErrorMapper"/>). A caller
/// of a Refit interface therefore never sees Refit's <see cref="ApiException"/>, an
/// <see cref="HttpRequestException"/> or a <see cref="JsonException"/>, and never gets <see langword="null"/> for an
/// empty success: every failure is an <see cref="IdCloudException"/>.
/// </summary>
internal static class IdCloudRefitSettings
{
    /// <summary>Creates the settings; <paramref name="timeProvider"/> measures an HTTP-date <c>Retry-After</c>.</summary>
    public static RefitSettings Create(TimeProvider timeProvider, IHttpContentSerializer? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new RefitSettings(serializer ?? new IdCloudHttpContentSerializer())
        {
            // Bodies come from the serializer's ISynchronousContentSerializer side and are sent as they are: not buffered
            // and not wrapped in Refit's PushStreamContent (no length, so chunked). The SDK's contents stream where it
            // matters (CreateProcess documents) and always announce their Content-Length.
            RequestBodySerialization = RequestBodySerializationMode.Streamed,
            ExceptionFactory = response => FromResponseAsync(response, timeProvider),
            DeserializationExceptionFactory = FromUnreadableBodyAsync,
            TransportExceptionFactory = FromTransportFailure,
        };
    }

    /// <summary>
    /// Called by Refit for every answer, success included. Non-success answers are mapped (their body read within the
    /// mapper's bounds, then released). Successes that cannot hold the documented answer are mapped too: an empty JSON
    /// answer (Refit would return <see langword="null"/>) and a download that is empty, a JSON or HTML page instead of
    /// a file, or still in a content encoding the SDK did not ask for.
    /// </summary>
    internal static async ValueTask<Exception?> FromResponseAsync(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var operation = IdCloudRefitOperations.Of(response.RequestMessage);
        if (response.IsSuccessStatusCode)
        {
            var problem = operation.IsDownload ? NotAFile(response) : EmptyAnswer(response);
            if (problem is null)
            {
                return null;
            }

            using (response)
            {
                return IdCloudErrorMapper.FromUnreadableBody(response, operation, problem, innerException: null);
            }
        }

        // Refit hands the response over to the exception it throws; the mapper has read what it needs, so release it.
        using (response)
        {
            return await IdCloudErrorMapper.FromResponseAsync(response, operation, timeProvider, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A success body that could not be read: malformed JSON, a missing payload, or a connection that broke while reading.</summary>
    internal static ValueTask<Exception?> FromUnreadableBodyAsync(HttpResponseMessage response, Exception exception) =>
        ValueTask.FromResult<Exception?>(MapUnreadableBody(response, exception));

    /// <summary>
    /// As <see cref="FromUnreadableBodyAsync"/>, for a body decoded after Refit handed it over unread (the inline files:
    /// <see cref="IdCloudFileEnvelopeReader"/>).
    /// </summary>
    internal static Exception MapUnreadableBody(HttpResponseMessage response, Exception exception, IdCloudOperation? operation = null)
    {
        operation ??= IdCloudRefitOperations.Of(response.RequestMessage);
        return exception switch
        {
            IdCloudException already => already,
            // The caller cancelled while the body was read (the bounded body throws it with the caller's token): not a failure to map.
            OperationCanceledException cancelled when cancelled.CancellationToken.IsCancellationRequested => cancelled,
            IdCloudUnreadableBodyException unreadable => IdCloudErrorMapper.FromUnreadableBody(response, operation, unreadable.Expected, innerException: null),
            HttpRequestException or IOException or OperationCanceledException => IdCloudErrorMapper.FromTransportFailure(response.RequestMessage, operation, exception),
            _ => IdCloudErrorMapper.FromUnreadableBody(response, operation, ExpectedOf(operation), exception),
        };
    }

    /// <summary>
    /// No usable answer: connection failure, broken connection, pipeline timeout. The caller's own cancellation, and
    /// exceptions that are already the SDK's (an open circuit, a token failure), pass through unchanged.
    /// </summary>
    internal static Exception FromTransportFailure(HttpRequestMessage request, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is IdCloudException)
        {
            return exception;
        }

        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // HttpClient replaces a handler's cancellation exception by its own TaskCanceledException carrying the
            // caller's token, so the "may have been processed" signal is decided here, from what the request recorded.
            return (Exception?)IdCloudErrorMapper.FromCancellation(request, IdCloudRefitOperations.Of(request), exception, cancellationToken) ?? exception;
        }

        if (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            return IdCloudErrorMapper.FromTransportFailure(request, IdCloudRefitOperations.Of(request), exception);
        }

        return exception;
    }

    private static string? EmptyAnswer(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
            ? ExpectedOf(IdCloudRefitOperations.Of(response.RequestMessage)) + " (the body is empty)"
            : null;

    private static string? NotAFile(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            // No PDF is empty: an empty success would otherwise be saved as a zero-byte "signed document".
            return "a file (the body is empty)";
        }

        if (IdCloudContentEncoding.Undecoded(response.Content.Headers) is { } encoding)
        {
            // The handler decodes (and removes) the encodings it asked for (gzip, deflate). Anything left would be saved
            // as the file itself, and a file's bytes are not checked the way a JSON answer's are.
            return $"a file (the service sent it in the '{encoding}' encoding, which the SDK did not ask for and does not decode)";
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var isPage = mediaType is not null
            && (mediaType.Equals(IdCloudMediaType.Json, StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        return isPage ? $"a file (the service sent {mediaType})" : null;
    }

    private static string ExpectedOf(IdCloudOperation operation) =>
        operation.Name == IdCloudOperation.GetSelfie.Name || operation.Name == IdCloudOperation.GetEvidenceSet.Name ? "a file"
        : operation.Name == ByClient.ByClientOperations.GetReusableDocuments.Name ? "a reusable-document list"
        : operation.Name == ByClient.ByClientOperations.VerifyData.Name ? "a data verification"
        : "a process";
}
