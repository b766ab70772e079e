namespace Unico.IdCloud.Client.Http;

/// <summary>
/// What every forward-only read stream of the SDK has in common (the bounded body, the gzip check): readable, never
/// seekable or writable, no length. Array reads go to the span and memory overloads, so a stream implements
/// <see cref="ReadAsync(Memory{byte}, CancellationToken)"/> and overrides <see cref="Stream.Read(Span{byte})"/> (or
/// <see cref="Read(byte[], int, int)"/> itself).
/// </summary>
internal abstract class IdCloudReadOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
