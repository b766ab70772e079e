namespace Unico.IdCloud.Client.Tests.Clients;

/// <summary>
/// A read-only body stream that records how much was read and whether it was disposed, and can fail after a given
/// number of bytes like a connection that breaks mid-download.
/// </summary>
internal sealed class RecordingStream(byte[] content, int failAfterBytes = -1) : Stream
{
    private int _position;

    public int BytesRead => _position;

    public bool Disposed { get; private set; }

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

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (failAfterBytes >= 0 && _position >= failAfterBytes)
        {
            throw new IOException("The connection was reset (simulated).");
        }

        var limit = failAfterBytes >= 0 ? Math.Min(content.Length, failAfterBytes) : content.Length;
        var count = Math.Min(buffer.Length, limit - _position);
        content.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
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

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
