using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// Decodes a file answered inline (<c>{"fileContents": "&lt;base64&gt;", "contentType": "..."}</c>: the selfie and the
/// evidence set) as it arrives from the network: the JSON around the file is read with <see cref="Utf8JsonReader"/>,
/// the base64 string itself is scanned by this class and decoded chunk by chunk, so the decoded bytes are the only
/// large allocation (never the 27 MB of base64 of a 20 MB PDF, nor a pooled buffer that size).
/// </summary>
/// <remarks>
/// <para>
/// Used by the generated Refit interface's <c>GetSelfieAsync</c> / <c>GetEvidenceSetAsync</c> (default interface
/// methods over the Refit methods that return the unread body: see openapi/templates/Client.Interface.liquid for why
/// Refit must not deserialize these answers itself) and by <see cref="IdCloudHttpContentSerializer"/>.
/// </para>
/// <para>
/// What it accepts is what the JSON deserializer accepted: members in any order, unknown members skipped, JSON escapes
/// inside the base64 (<c>\/</c>, <c>\u002B</c>), white space between base64 characters ignored. A body that is not that
/// shape fails with <see cref="JsonException"/> (malformed JSON, <c>fileContents</c> not a string, twice, or the body
/// ending early) or <see cref="IdCloudUnreadableBodyException"/> (JSON <c>null</c>, <c>fileContents</c> missing, null or
/// not base64); <see cref="ReadAsync"/> maps both to the SDK's exception. The size cap and the call's budget are the
/// bounded content's (<see cref="IdCloudBoundedContent"/>): a read past them already fails as an
/// <see cref="IdCloudException"/>.
/// </para>
/// </remarks>
internal static class IdCloudFileEnvelopeReader
{
    /// <summary>
    /// The largest <c>Content-Length</c> trusted to size the decoded array up front when the content carries no cap of
    /// its own (the SDK's default <see cref="IdCloudResilienceOptions.MaxResponseBodySize"/>).
    /// </summary>
    private const long DefaultPresizeLimit = 64L * 1024 * 1024;

    /// <summary>
    /// Awaits the unread answer of a Refit method, decodes it and releases it. Every failure to read it is an
    /// <see cref="IdCloudException"/> built by the SDK's error mapper, like for the other Refit methods; the caller's own
    /// cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="answer">The Refit method's call (its failures are already the SDK's exceptions).</param>
    /// <param name="refitMethod">The Refit method's name: which operation the answer belongs to (<see cref="IdCloudRefitOperations"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The decoded file.</returns>
    public static Task<IdCloudFile> ReadAsync(Task<HttpContent> answer, string refitMethod, CancellationToken cancellationToken) =>
        ReadAnswerAsync(answer, refitMethod, static (content, _, token) => DecodeAsync(content, token), destination: null, cancellationToken);

    /// <summary>
    /// Like <see cref="ReadAsync"/>, but writes the decoded file to <paramref name="destination"/> as it arrives instead
    /// of returning it: a 20 MB evidence set costs one window of memory, not 20 MB. A failure to write to
    /// <paramref name="destination"/> (a full disk) is rethrown as it is: it is not the answer's fault.
    /// </summary>
    /// <param name="answer">The Refit method's call.</param>
    /// <param name="refitMethod">The Refit method's name.</param>
    /// <param name="destination">Where the decoded file goes; not disposed.</param>
    /// <param name="cancellationToken">Cancels the read and the writes.</param>
    /// <returns>The file's media type (normalised, <c>application/octet-stream</c> when the answer had none) and length.</returns>
    public static Task<(string ContentType, long Length)> CopyToAsync(Task<HttpContent> answer, string refitMethod, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return ReadAnswerAsync(answer, refitMethod, static (content, target, token) => CopyDecodedAsync(content, target!, token), destination, cancellationToken);
    }

    /// <summary>The one place a failure to read an inline file becomes the SDK's exception.</summary>
    private static async Task<T> ReadAnswerAsync<T>(
        Task<HttpContent> answer,
        string refitMethod,
        Func<HttpContent, Stream?, CancellationToken, Task<T>> read,
        Stream? destination,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var content = await answer.ConfigureAwait(false);
        using (content)
        {
            try
            {
                return await read(content, destination, cancellationToken).ConfigureAwait(false);
            }
            catch (DestinationWriteFailure failure)
            {
                ExceptionDispatchInfo.Throw(failure.InnerException!);
                throw;
            }
            catch (Exception ex) when (ex is not IdCloudException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // The pipeline bounds every success body (IdCloudBoundedContent), which knows the response; a content
                // from elsewhere (a Refit client built without the SDK's pipeline) is described as a plain 200.
                var operation = IdCloudRefitOperations.FromMethodName(refitMethod);
                if (content is IdCloudBoundedContent { Response: { } response })
                {
                    throw IdCloudRefitSettings.MapUnreadableBody(response, ex, operation);
                }

                using var plain = new HttpResponseMessage(HttpStatusCode.OK);
                throw IdCloudRefitSettings.MapUnreadableBody(plain, ex, operation);
            }
        }
    }

    private static async Task<(string ContentType, long Length)> CopyDecodedAsync(HttpContent content, Stream destination, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // No declared length: a presized array is exactly what this path avoids.
            using var scanner = new FileEnvelopeScanner(declaredLength: null);
            while (true)
            {
                var progress = scanner.Step();
                try
                {
                    await scanner.DrainToAsync(destination, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    throw new DestinationWriteFailure(ex);
                }

                if (progress == FileEnvelopeScanner.Progress.Done)
                {
                    return (IdCloudMediaType.Normalize(scanner.ContentType) ?? IdCloudMediaType.OctetStream, scanner.DecodedLength);
                }

                await scanner.FillAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Decodes <paramref name="content"/>; failures are <see cref="JsonException"/> or <see cref="IdCloudUnreadableBodyException"/>.</summary>
    /// <param name="content">The answer's body.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The decoded file.</returns>
    public static async Task<IdCloudFile> DecodeAsync(HttpContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limit = content is IdCloudBoundedContent { MaxBytes: >= 0 } bounded ? bounded.MaxBytes : DefaultPresizeLimit;
        var declared = content.Headers.ContentLength is { } length && length <= limit ? length : (long?)null;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await DecodeAsync(stream, declared, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Decodes a JSON file envelope from <paramref name="utf8Json"/>.</summary>
    /// <param name="utf8Json">The body, read once, as it arrives.</param>
    /// <param name="declaredLength">
    /// The body's length if known and trusted: the decoded array is then allocated once at its final size (base64 is at
    /// most 3 bytes per 4 characters); otherwise it grows in pooled buffers and is copied once to its exact size.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The decoded file.</returns>
    public static async Task<IdCloudFile> DecodeAsync(Stream utf8Json, long? declaredLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var scanner = new FileEnvelopeScanner(declaredLength);
        while (true)
        {
            switch (scanner.Step())
            {
                case FileEnvelopeScanner.Progress.Done:
                    return scanner.ToFile();
                case FileEnvelopeScanner.Progress.NeedMore:
                    await scanner.FillAsync(utf8Json, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Carries a failure of the destination past the answer's error mapping, to be rethrown unchanged.</summary>
    private sealed class DestinationWriteFailure(Exception inner) : Exception(inner.Message, inner);
}
