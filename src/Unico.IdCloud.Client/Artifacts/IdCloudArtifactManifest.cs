using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client;

/// <summary>
/// What <see cref="IIdCloudArtifactDownloader.DownloadAllAsync(string, string, CancellationToken)"/> wrote, also saved as
/// <c>manifest.json</c> next to the files (written last, so its presence means the download completed): for each file
/// its name, size, SHA-256 and media type, plus the process id and times. Keep it with the files as an audit record.
/// </summary>
public sealed class IdCloudArtifactManifest
{
    /// <summary>The manifest's file name in the folder: <c>manifest.json</c>.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The process the artifacts belong to.</summary>
    [JsonPropertyName("processId")]
    public required string ProcessId { get; init; }

    /// <summary>The process's flow, as sent by the API.</summary>
    [JsonPropertyName("flow")]
    public string? Flow { get; init; }

    /// <summary>The process's state when downloaded, as sent by the API.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>The process's result when downloaded, as sent by the API.</summary>
    [JsonPropertyName("result")]
    public string? Result { get; init; }

    /// <summary>When the process was created (from the API).</summary>
    [JsonPropertyName("processCreatedAt")]
    public DateTimeOffset? ProcessCreatedAt { get; init; }

    /// <summary>When the process finished (from the API).</summary>
    [JsonPropertyName("processFinishedAt")]
    public DateTimeOffset? ProcessFinishedAt { get; init; }

    /// <summary>When the download started (local clock).</summary>
    [JsonPropertyName("downloadStartedAt")]
    public required DateTimeOffset DownloadStartedAt { get; init; }

    /// <summary>When the last file was written (local clock).</summary>
    [JsonPropertyName("downloadCompletedAt")]
    public required DateTimeOffset DownloadCompletedAt { get; init; }

    /// <summary>The files written, in download order.</summary>
    [JsonPropertyName("files")]
    public required IReadOnlyList<IdCloudArtifactFile> Files { get; init; }

    /// <summary>Artifacts not downloaded and why (for example the selfie without the permission to read it).</summary>
    [JsonPropertyName("skipped")]
    public required IReadOnlyList<IdCloudSkippedArtifact> Skipped { get; init; }

    /// <summary>Reads a manifest written by the downloader.</summary>
    /// <param name="path">The <c>manifest.json</c> file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <exception cref="JsonException">The file is not a manifest.</exception>
    public static async Task<IdCloudArtifactManifest> ReadFromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, IdCloudArtifactManifestJsonContext.Default.IdCloudArtifactManifest, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("The manifest is empty.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"IdCloudArtifactManifest ({ProcessId}, {Files.Count} files, {Skipped.Count} skipped)";
}

/// <summary>One file of an <see cref="IdCloudArtifactManifest"/>.</summary>
public sealed class IdCloudArtifactFile
{
    /// <summary>The file name inside the folder, e.g. <c>signed-document-1.pdf</c>.</summary>
    [JsonPropertyName("fileName")]
    public required string FileName { get; init; }

    /// <summary>Which artifact the file is.</summary>
    [JsonPropertyName("artifact")]
    public required IdCloudArtifactKind Artifact { get; init; }

    /// <summary>The document id, for signed documents and signature evidence.</summary>
    [JsonPropertyName("documentId")]
    public string? DocumentId { get; init; }

    /// <summary>The media type, e.g. <c>application/pdf</c>.</summary>
    [JsonPropertyName("contentType")]
    public required string ContentType { get; init; }

    /// <summary>The size in bytes.</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    /// <summary>The SHA-256 of the content, lower-case hex.</summary>
    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    /// <summary>When the file was written (local clock).</summary>
    [JsonPropertyName("downloadedAt")]
    public required DateTimeOffset DownloadedAt { get; init; }
}

/// <summary>An artifact the downloader did not write, and why.</summary>
public sealed class IdCloudSkippedArtifact
{
    /// <summary>Which artifact.</summary>
    [JsonPropertyName("artifact")]
    public required IdCloudArtifactKind Artifact { get; init; }

    /// <summary>Why it was skipped (English, no personal data).</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    /// <summary>The error kind that caused the skip.</summary>
    [JsonPropertyName("errorKind")]
    public IdCloudErrorKind? ErrorKind { get; init; }
}
