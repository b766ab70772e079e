using System.Globalization;

namespace Unico.IdCloud.Client;

/// <summary>
/// A file the API returns inline, base64-decoded: the watermarked selfie or the evidence-set PDF. Small enough to
/// hold in memory (the API sends it inside a JSON body).
/// </summary>
/// <remarks><see cref="ToString"/> shows the media type and size only, never the content (a selfie is personal data).</remarks>
public sealed class IdCloudFile
{
    /// <summary>Creates a file (for tests and fakes of <see cref="IIdCloudProcessClient"/>).</summary>
    /// <param name="content">The bytes. Not copied.</param>
    /// <param name="contentType">
    /// The media type; <c>x-pdf</c> becomes <c>application/pdf</c>, blank becomes <c>application/octet-stream</c>,
    /// anything else is kept.
    /// </param>
    public IdCloudFile(ReadOnlyMemory<byte> content, string? contentType)
    {
        Content = content;
        ContentType = IdCloudMediaType.Normalize(contentType) ?? IdCloudMediaType.OctetStream;
    }

    /// <summary>The file's bytes.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The media type, for example <c>image/jpeg</c> or <c>application/pdf</c>.</summary>
    public string ContentType { get; }

    /// <summary>
    /// Writes the file to <paramref name="path"/>, replacing an existing file. The file appears only once completely
    /// written.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the write (no partial file is left).</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    public Task SaveToFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return AtomicFile.WriteAsync(path, (stream, ct) => stream.WriteAsync(Content, ct).AsTask(), cancellationToken);
    }

    /// <summary>Describes the file by media type and size, e.g. <c>IdCloudFile (image/jpeg, 48213 bytes)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"IdCloudFile ({ContentType}, {Content.Length} bytes)");
}
