namespace Unico.IdCloud.Client.Tests.Artifacts;

/// <summary>
/// A large, non-seekable stream that produces deterministic bytes on demand, like a network body: it has no length,
/// cannot seek, and counts how many reads and bytes it served. The bytes are <see cref="ByteAt"/>'s unless the test
/// gives its own (an answer that never ends: <c>long.MaxValue</c> bytes).
/// </summary>
public sealed class GeneratedStream(long length, Func<long, byte>? byteAt = null) : Stream
{
    private readonly Func<long, byte> _byteAt = byteAt ?? ByteAt;
    private long _position;

    public int Reads { get; private set; }

    public long Served => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A network body has no length.");

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static byte ByteAt(long index) => (byte)((index * 31) ^ (index >> 8));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < count; i++)
        {
            buffer[i] = _byteAt(_position + i);
        }

        _position += count;
        Reads++;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
