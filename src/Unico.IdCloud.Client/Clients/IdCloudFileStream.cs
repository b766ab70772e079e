using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client;

/// <summary>
/// A file being downloaded: the signed document or its signature evidence. The body is streamed from the network as
/// it is read, never buffered whole. Dispose it (<c>await using</c>) to release the connection.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="CopyToAsync"/> and <see cref="SaveToFileAsync"/> report a connection that breaks mid-download as an
/// <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Transport"/> (or <see cref="IdCloudErrorKind.Timeout"/>) that names the request. Reading <see cref="Content"/> directly behaves like any network stream
/// (<see cref="IOException"/> on failure). Downloads are not retried once the body has started; call again.
/// </para>
/// <para>The stream can be read once. <see cref="ToString"/> shows the metadata only.</para>
/// </remarks>
[SuppressMessage(
    "Naming",
    "CA1711:Identifiers should not have incorrect suffix",
    Justification = "It is not a Stream but it is a streamed file; the name tells users the body is not buffered.")]
public sealed class IdCloudFileStream : IAsyncDisposable, IDisposable
{
    private const int CopyBufferSize = 81920;

    private readonly HttpContent? _httpContent;
    private readonly IdCloudOperation? _operation;
    private readonly HttpRequestMessage? _request;
    private bool _disposed;

    /// <summary>Wraps a stream (for tests and fakes of <see cref="IIdCloudSignatureClient"/>). Disposing this disposes the stream.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="contentType">The media type, if known (<c>x-pdf</c> becomes <c>application/pdf</c>).</param>
    /// <param name="contentLength">The length in bytes, if known.</param>
    /// <param name="fileName">The suggested file name, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    public IdCloudFileStream(Stream content, string? contentType = null, long? contentLength = null, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        ContentType = IdCloudMediaType.Normalize(contentType);
        ContentLength = contentLength;
        FileName = SafeFileName(fileName);
    }

    internal IdCloudFileStream(HttpContent httpContent, Stream content, IdCloudOperation operation, HttpRequestMessage? request)
    {
        _httpContent = httpContent;
        _operation = operation;
        _request = request;
        Content = content;
        var headers = httpContent.Headers;
        ContentType = IdCloudMediaType.Normalize(headers.ContentType?.MediaType);
        ContentLength = headers.ContentLength;
        FileName = SafeFileName(headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName);
    }

    /// <summary>The body, read from the network as you read it. Owned by this object: do not dispose it separately.</summary>
    public Stream Content { get; }

    /// <summary>The media type the service declared (normally <c>application/pdf</c>), if any.</summary>
    public string? ContentType { get; }

    /// <summary>The length the service declared, if any.</summary>
    public long? ContentLength { get; }

    /// <summary>
    /// The file name suggested by the service (<c>Content-Disposition</c>), if any, without any directory part. Still
    /// chosen by the server: validate it before using it in a path.
    /// </summary>
    public string? FileName { get; }

    /// <summary>Copies the rest of the body to <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when the whole body is copied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">This download was disposed.</exception>
    /// <exception cref="IdCloudException">The connection failed while the body was being read (<see cref="IdCloudErrorKind.Transport"/> or <see cref="IdCloudErrorKind.Timeout"/>).</exception>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int read;
            while ((read = await ReadSourceAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                // Failures of the destination (disk full, ...) are the caller's, not the service's: not mapped.
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes the rest of the body to <paramref name="path"/>, replacing an existing file. The file appears only once
    /// the whole body has arrived: a broken or cancelled download leaves nothing behind.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <exception cref="ObjectDisposedException">This download was disposed.</exception>
    /// <exception cref="IdCloudException">The connection failed while the body was being read (<see cref="IdCloudErrorKind.Transport"/> or <see cref="IdCloudErrorKind.Timeout"/>).</exception>
    public Task SaveToFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return AtomicFile.WriteAsync(path, CopyToAsync, cancellationToken);
    }

    /// <summary>Releases the body and the connection.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Content.Dispose();
        _httpContent?.Dispose();
    }

    /// <summary>Releases the body and the connection.</summary>
    /// <returns>A task that completes when released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Content.DisposeAsync().ConfigureAwait(false);
        _httpContent?.Dispose();
    }

    /// <summary>Describes the download by its metadata, e.g. <c>IdCloudFileStream (application/pdf, 53120 bytes)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"IdCloudFileStream ({ContentType ?? "unknown type"}, {(ContentLength is { } length ? $"{length} bytes" : "unknown length")})");

    private async ValueTask<int> ReadSourceAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (_operation is not null && ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // Named like every other transport failure: the request (its URI redacted by the mapper) travels with it.
            throw IdCloudErrorMapper.FromTransportFailure(_request, _operation, ex);
        }
    }

    private static string? SafeFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var name = fileName.Trim().Trim('"');
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            name = name[(lastSeparator + 1)..];
        }

        return name.Length == 0 || name is "." or ".." ? null : name;
    }
}
