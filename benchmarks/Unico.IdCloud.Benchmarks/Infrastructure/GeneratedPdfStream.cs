namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>
/// A read-only stream of <c>length</c> bytes that look like a PDF (header, filler, trailer), produced on the fly so a
/// 50 MB download costs the benchmark no memory of its own: every byte allocated is the client's.
/// </summary>
internal sealed class GeneratedPdfStream(long length) : Stream
{
    private static readonly byte[] Header = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"u8.ToArray();
    private static readonly byte[] Trailer = "\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Pattern = Enumerable.Range(0, (64 * 1024) + 64).Select(i => (byte)(' ' + (i % 64))).ToArray();

    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - position);
        var target = buffer[..count];

        // Filler first, copied in blocks from a pattern aligned on the stream position; then the edges on top.
        for (var done = 0; done < count;)
        {
            var block = Math.Min(count - done, Pattern.Length - 64);
            Pattern.AsSpan((int)((position + done) % 64), block).CopyTo(target[done..]);
            done += block;
        }

        for (var i = position; i < Header.Length && i < position + count; i++)
        {
            target[(int)(i - position)] = Header[i];
        }

        for (var i = Math.Max(position, length - Trailer.Length); i < position + count; i++)
        {
            target[(int)(i - position)] = Trailer[Trailer.Length - (length - i)];
        }

        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
