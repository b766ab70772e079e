namespace Unico.IdCloud.Client;

/// <summary>
/// The signature API downloads of processes with electronic signature: the signed PDF and its signature evidence.
/// The document ids are in <see cref="Models.ProcessService.DocumentIds"/> of the finished process. Thread-safe; get
/// it from dependency injection.
/// </summary>
/// <remarks>
/// The PDFs are streamed, never buffered whole: dispose the returned <see cref="IdCloudFileStream"/> (it holds the
/// connection). A signed document can take a minute or more to become available after the process finished; the
/// vendor recommends retrying for a while (see the README).
/// </remarks>
public interface IIdCloudSignatureClient
{
    /// <summary>Streams the signed PDF of a document (<c>GET /api/v1/service/file/{documentId}</c>).</summary>
    /// <param name="documentId">The document id.</param>
    /// <param name="cancellationToken">Cancels the call (until the headers arrive; then pass a token to the reads).</param>
    /// <returns>The open download; the caller disposes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documentId"/> is <see langword="null"/>.</exception>
    /// <exception cref="IdCloudValidationException">
    /// <paramref name="documentId"/> is empty or contains characters an id never has (<c>/ \ ? # %</c>, <c>..</c>,
    /// white space or control characters); nothing was sent.
    /// </exception>
    /// <exception cref="IdCloudException">The call failed: <see cref="IdCloudErrorKind.NotFound"/> (an <see cref="IdCloudApiException"/>) for an unknown document, <see cref="IdCloudErrorKind.InvalidResponse"/> when the service answered with success but sent JSON or HTML instead of a file.</exception>
    Task<IdCloudFileStream> GetSignedDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Streams the signature evidence PDF of a document (<c>GET /api/v1/service/evidence/{documentId}</c>).</summary>
    /// <param name="documentId">The document id.</param>
    /// <param name="cancellationToken">Cancels the call (until the headers arrive; then pass a token to the reads).</param>
    /// <returns>The open download; the caller disposes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documentId"/> is <see langword="null"/>.</exception>
    /// <exception cref="IdCloudValidationException"><paramref name="documentId"/> is empty or not a plausible id; nothing was sent.</exception>
    /// <exception cref="IdCloudException">The call failed (<see cref="IdCloudErrorKind.InvalidResponse"/> when the service answered with success but sent JSON or HTML instead of a file).</exception>
    Task<IdCloudFileStream> GetSignatureEvidenceAsync(string documentId, CancellationToken cancellationToken = default);
}
