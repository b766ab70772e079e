using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Client;

/// <summary>The default <see cref="IIdCloudArtifactDownloader"/>. Thread-safe; register it as a singleton (the DI extensions do).</summary>
internal sealed class IdCloudArtifactDownloader : IIdCloudArtifactDownloader
{
    private readonly IIdCloudProcessApi _processApi;
    private readonly IIdCloudSignatureClient _signatureClient;
    private readonly IdCloudSignedDocumentWaitOptions _defaults;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a downloader.</summary>
    /// <param name="processApi">
    /// Reads the process, the selfie and the evidence set: the inline files through the Refit methods that hand over the
    /// unread answer, so they are decoded straight to disk (a 20 MB evidence set never sits in memory whole).
    /// </param>
    /// <param name="signatureClient">Streams signed documents and their evidence.</param>
    /// <param name="options">The signed-document retry policy; the vendor's advice when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for waits and manifest times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Logs retries and skips; nothing when <see langword="null"/>.</param>
    public IdCloudArtifactDownloader(
        IIdCloudProcessApi processApi,
        IIdCloudSignatureClient signatureClient,
        IOptions<IdCloudSignedDocumentWaitOptions>? options = null,
        TimeProvider? timeProvider = null,
        ILogger<IdCloudArtifactDownloader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(processApi);
        ArgumentNullException.ThrowIfNull(signatureClient);
        _processApi = processApi;
        _signatureClient = signatureClient;
        _defaults = options?.Value ?? new IdCloudSignedDocumentWaitOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public Task<IdCloudFileStream> GetSignedDocumentWhenReadyAsync(string documentId, IdCloudSignedDocumentWaitOptions? options = null, CancellationToken cancellationToken = default) =>
        GetWhenReadyAsync(IdCloudArtifactKind.SignedDocument, documentId, _signatureClient.GetSignedDocumentAsync, options, cancellationToken);

    /// <inheritdoc />
    public Task<IdCloudFileStream> GetSignatureEvidenceWhenReadyAsync(string documentId, IdCloudSignedDocumentWaitOptions? options = null, CancellationToken cancellationToken = default) =>
        GetWhenReadyAsync(IdCloudArtifactKind.SignatureEvidence, documentId, _signatureClient.GetSignatureEvidenceAsync, options, cancellationToken);

    /// <inheritdoc />
    public async Task<IdCloudArtifactManifest> DownloadAllAsync(string processId, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processId);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var process = await _processApi.GetProcessAsync(IdCloudResourceId.Validate(processId, nameof(processId)), cancellationToken).ConfigureAwait(false);
        return await DownloadAllAsync(process, folder, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IdCloudArtifactManifest> DownloadAllAsync(IdCloudProcess process, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var processId = process.Id;
        if (string.IsNullOrWhiteSpace(processId))
        {
            throw new ArgumentException("The process has no id; pass the process as read with GetProcess.", nameof(process));
        }

        if (!ProcessStates.IsDone(process.State))
        {
            throw IdCloudErrors.NotReady(
                IdCloudArtifactKind.EvidenceSet,
                processId,
                attempts: 0,
                $"IDCloud process {processId} is not finished (state {process.State.Value}): its artifacts exist only once it is. Wait for it first (IIdCloudProcessWaiter).");
        }

        var target = Directory.CreateDirectory(folder).FullName;
        var started = _timeProvider.GetUtcNow();
        var files = new List<IdCloudArtifactFile>();
        var skipped = new List<IdCloudSkippedArtifact>();

        await DownloadInlineAsync(IdCloudArtifactKind.Selfie, "selfie", ".bin", _processApi.GetSelfieContentAsync, nameof(IIdCloudProcessApi.GetSelfieContentAsync), processId, target, files, skipped, cancellationToken).ConfigureAwait(false);
        await DownloadInlineAsync(IdCloudArtifactKind.EvidenceSet, "evidence-set", ".pdf", _processApi.GetEvidenceSetContentAsync, nameof(IIdCloudProcessApi.GetEvidenceSetContentAsync), processId, target, files, skipped, cancellationToken).ConfigureAwait(false);

        var documentIds = DocumentIds(process);
        for (var i = 0; i < documentIds.Count; i++)
        {
            var suffix = documentIds.Count == 1 ? string.Empty : $"-{i + 1}";
            var documentId = documentIds[i];

            var signed = await GetSignedDocumentWhenReadyAsync(documentId, options: null, cancellationToken).ConfigureAwait(false);
            await using (signed.ConfigureAwait(false))
            {
                files.Add(await SaveStreamAsync(target, "signed-document" + suffix, IdCloudArtifactKind.SignedDocument, documentId, signed, cancellationToken).ConfigureAwait(false));
            }

            var evidence = await GetSignatureEvidenceWhenReadyAsync(documentId, options: null, cancellationToken).ConfigureAwait(false);
            await using (evidence.ConfigureAwait(false))
            {
                files.Add(await SaveStreamAsync(target, "signature-evidence" + suffix, IdCloudArtifactKind.SignatureEvidence, documentId, evidence, cancellationToken).ConfigureAwait(false));
            }
        }

        var manifest = new IdCloudArtifactManifest
        {
            ProcessId = processId,
            Flow = process.Flow?.Value,
            State = process.State.Value,
            Result = process.Result?.Value,
            ProcessCreatedAt = process.CreatedAt,
            ProcessFinishedAt = process.FinishedAt,
            DownloadStartedAt = started,
            DownloadCompletedAt = _timeProvider.GetUtcNow(),
            Files = files.AsReadOnly(),
            Skipped = skipped.AsReadOnly(),
        };
        await AtomicFile.WriteAsync(
            Path.Combine(target, IdCloudArtifactManifest.FileName),
            (stream, ct) => JsonSerializer.SerializeAsync(stream, manifest, IdCloudArtifactManifestJsonContext.Default.IdCloudArtifactManifest, ct),
            cancellationToken).ConfigureAwait(false);
        CompletionLog.DownloadedAll(_logger, processId, files.Count, skipped.Count);
        return manifest;
    }

    private async Task<IdCloudFileStream> GetWhenReadyAsync(
        IdCloudArtifactKind artifact,
        string documentId,
        Func<string, CancellationToken, Task<IdCloudFileStream>> fetch,
        IdCloudSignedDocumentWaitOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        var policy = options ?? _defaults;
        policy.Validate();
        var name = artifact == IdCloudArtifactKind.SignedDocument ? "The signed document" : "The signature evidence";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await fetch(documentId, cancellationToken).ConfigureAwait(false);
            }
            catch (IdCloudException ex) when (IsNotReadyYet(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= policy.MaxAttempts)
                {
                    CompletionLog.ArtifactGaveUp(_logger, name, documentId, attempt);
                    throw IdCloudErrors.NotReady(
                        artifact,
                        documentId,
                        attempt,
                        $"{name} of document {documentId} was still not available after {attempt} attempt(s); the signature service can lag behind the process. Try again later.",
                        ex);
                }

                var delay = policy.DelayAfter(attempt);
                if (ex.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                CompletionLog.ArtifactNotReady(_logger, name, documentId, attempt, policy.MaxAttempts, ex.Kind, delay);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DownloadInlineAsync(
        IdCloudArtifactKind artifact,
        string baseName,
        string defaultExtension,
        Func<string, CancellationToken, Task<HttpContent>> fetch,
        string refitMethod,
        string processId,
        string folder,
        List<IdCloudArtifactFile> files,
        List<IdCloudSkippedArtifact> skipped,
        CancellationToken cancellationToken)
    {
        // The file is decoded into a temporary file as it arrives and hashed on the way; its name (the extension
        // follows the media type, which the answer may declare after the file) is settled once it is complete.
        string? fileName = null;
        string? contentType = null;
        string? sha256 = null;
        long size = 0;
        try
        {
            await AtomicFile.WriteAsync(
                folder,
                baseName,
                async (stream, ct) =>
                {
                    using var hashing = new HashingWriteStream(stream);
                    (contentType, size) = await IdCloudFileEnvelopeReader.CopyToAsync(fetch(processId, ct), refitMethod, hashing, ct).ConfigureAwait(false);
                    sha256 = hashing.GetHashHex();
                    fileName = baseName + Extension(contentType, defaultExtension);
                    return fileName;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (IdCloudException ex) when (ex.Kind is IdCloudErrorKind.PermissionDenied or IdCloudErrorKind.NotFound || (int?)ex.StatusCode is 403 or 404)
        {
            var reason = ex.Kind == IdCloudErrorKind.PermissionDenied || (int?)ex.StatusCode == 403
                ? "the service account may not read it (HTTP 403); Unico grants this permission case by case"
                : "the service has none for this process (HTTP 404)";
            CompletionLog.ArtifactSkipped(_logger, baseName, processId, reason);
            skipped.Add(new IdCloudSkippedArtifact { Artifact = artifact, Reason = reason, ErrorKind = ex.Kind });
            return;
        }

        files.Add(new IdCloudArtifactFile
        {
            FileName = fileName!,
            Artifact = artifact,
            ContentType = contentType!,
            Size = size,
            Sha256 = sha256!,
            DownloadedAt = _timeProvider.GetUtcNow(),
        });
    }

    private async Task<IdCloudArtifactFile> SaveStreamAsync(
        string folder,
        string baseName,
        IdCloudArtifactKind artifact,
        string documentId,
        IdCloudFileStream download,
        CancellationToken cancellationToken)
    {
        var contentType = download.ContentType ?? IdCloudMediaType.Pdf;
        var fileName = baseName + Extension(contentType, ".pdf");
        string? sha256 = null;
        long size = 0;
        await AtomicFile.WriteAsync(
            Path.Combine(folder, fileName),
            async (stream, ct) =>
            {
                using var hashing = new HashingWriteStream(stream);
                await download.CopyToAsync(hashing, ct).ConfigureAwait(false);
                size = hashing.BytesWritten;
                sha256 = hashing.GetHashHex();
            },
            cancellationToken).ConfigureAwait(false);
        return new IdCloudArtifactFile
        {
            FileName = fileName,
            Artifact = artifact,
            DocumentId = documentId,
            ContentType = contentType,
            Size = size,
            Sha256 = sha256!,
            DownloadedAt = _timeProvider.GetUtcNow(),
        };
    }

    /// <summary>Document ids of every service, in order, without blanks or repeats.</summary>
    private static List<string> DocumentIds(IdCloudProcess process) =>
        (process.Services ?? [])
            .SelectMany(service => service.DocumentIds ?? [])
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>
    /// Failures that mean "not there yet" for the signature API: not found, server and gateway errors (it answers 500
    /// "Falha ao consultar o arquivo do documento" for a document it cannot read yet), timeouts, broken connections,
    /// rate limiting, and a success answer that is not a file.
    /// </summary>
    private static bool IsNotReadyYet(IdCloudException exception) =>
        exception.Kind is IdCloudErrorKind.NotFound
            or IdCloudErrorKind.NotReady
            or IdCloudErrorKind.ServerError
            or IdCloudErrorKind.ServiceUnavailable
            or IdCloudErrorKind.Timeout
            or IdCloudErrorKind.Transport
            or IdCloudErrorKind.RateLimited
            or IdCloudErrorKind.CircuitOpen
            or IdCloudErrorKind.InvalidResponse
        || exception.StatusCode is { } status && ((int)status is 404 or 408 or 429 || (int)status >= 500);

    private static string Extension(string? contentType, string fallback) => contentType?.ToUpperInvariant() switch
    {
        "IMAGE/JPEG" or "IMAGE/JPG" => ".jpg",
        "IMAGE/PNG" => ".png",
        "IMAGE/WEBP" => ".webp",
        "APPLICATION/PDF" => ".pdf",
        _ => fallback,
    };
}
