using System.Buffers;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// Where <see cref="FileEnvelopeScanner"/> writes the decoded file. With a trusted body length the array is allocated
/// once, at the most the body can decode to (3 bytes per 4 characters), and handed over without a copy: for a 20 MB
/// PDF that is 20 MB and the length of the JSON around it. Without one (a chunked answer) the bytes grow in pooled
/// buffers and are copied once into an array of their exact size, so the pool, not the caller, keeps the large buffers.
/// Written to a stream instead (<see cref="DrainToAsync"/> after each window), the file never exists whole in memory:
/// only the bytes one window of base64 decodes to are held at a time.
/// </summary>
internal sealed class DecodedFileBuffer : IDisposable
{
    private const int InitialPooledSize = 64 * 1024;

    private byte[] _array;
    private bool _pooled;
    private int _length;
    private long _drained;

    /// <param name="declaredLength">The body's trusted length in bytes, if known.</param>
    public DecodedFileBuffer(long? declaredLength)
    {
        if (declaredLength is { } length && length > 0)
        {
            _array = GC.AllocateUninitializedArray<byte>((int)Math.Min((length / 4 * 3) + 3, Array.MaxLength));
        }
        else
        {
            _array = ArrayPool<byte>.Shared.Rent(InitialPooledSize);
            _pooled = true;
        }
    }

    /// <summary>Room for at least <paramref name="size"/> more bytes.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_array.Length - _length < size)
        {
            Grow(size);
        }

        return _array.AsSpan(_length);
    }

    /// <summary>Records that <paramref name="count"/> bytes were written to the last <see cref="GetSpan"/>.</summary>
    public void Advance(int count) => _length += count;

    /// <summary>How many bytes were decoded in all: those already drained and those still held.</summary>
    public long TotalLength => _drained + _length;

    /// <summary>
    /// Writes the bytes held so far to <paramref name="destination"/> and forgets them, so the buffer holds at most what
    /// one window decodes to. Only for a buffer created without a declared length (nothing is presized to be drained).
    /// </summary>
    /// <param name="destination">Where the file goes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async ValueTask DrainToAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (!_pooled)
        {
            throw new InvalidOperationException("A presized buffer hands its array over whole; create it without a declared length to drain it.");
        }

        if (_length == 0)
        {
            return;
        }

        await destination.WriteAsync(_array.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        _drained += _length;
        _length = 0;
    }

    /// <summary>The decoded bytes, owned by the caller from now on (never after <see cref="DrainToAsync"/>).</summary>
    public ReadOnlyMemory<byte> Detach()
    {
        if (_drained != 0)
        {
            throw new InvalidOperationException("Part of the file was already written to a stream.");
        }

        // Presized: the array is at most the JSON around the base64 too long; kept unless most of it went unused (a
        // declared length far beyond the file), when an exact copy frees the rest.
        if (!_pooled && _length >= _array.Length - (_array.Length / 4))
        {
            var array = _array;
            _array = [];
            return array.AsMemory(0, _length);
        }

        var exact = GC.AllocateUninitializedArray<byte>(_length);
        _array.AsSpan(0, _length).CopyTo(exact);
        return exact;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _pooled = false;
        }

        _array = [];
    }

    private void Grow(int size)
    {
        var needed = checked(_length + size);
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)_array.Length * 2, needed), Array.MaxLength));
        _array.AsSpan(0, _length).CopyTo(next);
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = next;
        _pooled = true;
    }
}
