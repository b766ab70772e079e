using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// Downloads what IDCloud keeps for a finished process: waits for a lagging signed document with a bounded retry
/// policy, and saves every artifact of a process into a folder with a manifest.
/// </summary>
public interface IIdCloudArtifactDownloader
{
    /// <summary>
    /// Streams the signed PDF of a document, asking again while it is not available (not found, server errors,
    /// timeouts, rate limiting, a non-PDF answer) per <see cref="IdCloudSignedDocumentWaitOptions"/>.
    /// </summary>
    /// <param name="documentId">The document id (from <c>services[].documentIds</c> of the finished process).</param>
    /// <param name="options">The retry policy; the registered one when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait and the request.</param>
    /// <returns>The open download; the caller disposes it.</returns>
    /// <exception cref="ArgumentException"><paramref name="documentId"/> is null, empty or white space.</exception>
    /// <exception cref="IdCloudException">Still not available after the last attempt (<see cref="IdCloudErrorKind.NotReady"/>), or the download failed.</exception>
    /// <exception cref="IdCloudException">A failure waiting cannot fix (authentication, permission, invalid id).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<IdCloudFileStream> GetSignedDocumentWhenReadyAsync(string documentId, IdCloudSignedDocumentWaitOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="GetSignedDocumentWhenReadyAsync"/>, for the signature evidence PDF of a document.</summary>
    /// <param name="documentId">The document id.</param>
    /// <param name="options">The retry policy; the registered one when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait and the request.</param>
    /// <returns>The open download; the caller disposes it.</returns>
    /// <exception cref="ArgumentException"><paramref name="documentId"/> is null, empty or white space.</exception>
    /// <exception cref="IdCloudException">Still not available after the last attempt (<see cref="IdCloudErrorKind.NotReady"/>), or the download failed.</exception>
    /// <exception cref="IdCloudException">A failure waiting cannot fix.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<IdCloudFileStream> GetSignatureEvidenceWhenReadyAsync(string documentId, IdCloudSignedDocumentWaitOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the process, then does <see cref="DownloadAllAsync(IdCloudProcess, string, CancellationToken)"/>.</summary>
    /// <param name="processId">The finished process.</param>
    /// <param name="folder">The folder to write into; created if missing.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The manifest, also written as <c>manifest.json</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="processId"/> or <paramref name="folder"/> is null, empty or white space.</exception>
    /// <exception cref="IdCloudException">The process is not finished, or a signed document never became available (<see cref="IdCloudErrorKind.NotReady"/>), or a download failed.</exception>
    /// <exception cref="IdCloudException">A download failed.</exception>
    Task<IdCloudArtifactManifest> DownloadAllAsync(string processId, string folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes every artifact of a finished process into <paramref name="folder"/>: <c>selfie.jpg</c> (extension from
    /// the media type), <c>evidence-set.pdf</c>, and for each document id <c>signed-document.pdf</c> and
    /// <c>signature-evidence.pdf</c> (numbered <c>-1</c>, <c>-2</c>… when there are several), then <c>manifest.json</c>.
    /// Signed documents are streamed to disk and hashed on the way, never held in memory, and waited for with the
    /// registered <see cref="IdCloudSignedDocumentWaitOptions"/>. Each file appears only once complete; existing files
    /// of the same names are replaced.
    /// </summary>
    /// <remarks>
    /// A selfie or evidence set the account may not read (403) or that does not exist (404) is recorded under
    /// <see cref="IdCloudArtifactManifest.Skipped"/> instead of failing the whole download (Unico grants the selfie
    /// permission case by case; an expired process may have no evidence). Any other failure ends the download with its
    /// exception and no manifest is written: the files already written are complete but the set is not.
    /// </remarks>
    /// <param name="process">The finished process, as read with <c>GetProcess</c>.</param>
    /// <param name="folder">The folder to write into; created if missing.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The manifest, also written as <c>manifest.json</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="process"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is null, empty or white space, or the process has no id.</exception>
    /// <exception cref="IdCloudException">The process is not finished, or a signed document never became available (<see cref="IdCloudErrorKind.NotReady"/>), or a download failed.</exception>
    /// <exception cref="IdCloudException">A download failed.</exception>
    Task<IdCloudArtifactManifest> DownloadAllAsync(IdCloudProcess process, string folder, CancellationToken cancellationToken = default);
}
