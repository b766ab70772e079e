namespace Unico.IdCloud.Testing;

/// <summary>
/// A PDF laid out as a list of byte segments with a known total length. Large filler streams are produced while
/// writing, so a multi-megabyte document is streamed to the client without ever being held in memory.
/// </summary>
internal sealed class PdfFile
{
    private readonly IReadOnlyList<PdfSegment> _segments;

    public PdfFile(IReadOnlyList<PdfSegment> segments)
    {
        _segments = segments;
        Length = segments.Sum(s => s.Length);
    }

    public long Length { get; }

    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        foreach (var segment in _segments)
        {
            await segment.WriteToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The whole document in memory: only for the small documents sent inside JSON as base64.</summary>
    public byte[] ToArray()
    {
        using var buffer = new MemoryStream(checked((int)Length));
        WriteToAsync(buffer, CancellationToken.None).GetAwaiter().GetResult();
        return buffer.ToArray();
    }
}

/// <summary>A piece of a <see cref="PdfFile"/>.</summary>
internal abstract class PdfSegment
{
    public abstract long Length { get; }

    public abstract Task WriteToAsync(Stream destination, CancellationToken cancellationToken);
}

internal sealed class PdfBytesSegment(byte[] bytes) : PdfSegment
{
    public override long Length => bytes.Length;

    public override Task WriteToAsync(Stream destination, CancellationToken cancellationToken) =>
        destination.WriteAsync(bytes, cancellationToken).AsTask();
}

/// <summary>Repeated filler text, generated chunk by chunk.</summary>
internal sealed class PdfFillerSegment(long length) : PdfSegment
{
    private const int ChunkSize = 64 * 1024;
    private static readonly byte[] Line = "IDCloud emulator padding: this stream only makes the document larger.\n"u8.ToArray();

    public override long Length => length;

    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var chunk = new byte[(int)Math.Min(ChunkSize, Math.Max(length, 1))];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = Line[i % Line.Length];
        }

        var remaining = length;
        while (remaining > 0)
        {
            var count = (int)Math.Min(chunk.Length, remaining);
            await destination.WriteAsync(chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            remaining -= count;
        }
    }
}
