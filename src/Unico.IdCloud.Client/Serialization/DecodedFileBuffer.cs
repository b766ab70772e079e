using System.Buffers;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// Where <see cref="FileEnvelopeScanner"/> writes the decoded file. The bytes start in pooled buffers. With a declared
/// body length, once an eighth of what it can decode to (3 bytes per 4 characters) has really arrived, one array of that
/// final size is allocated, the bytes so far are copied into it once, and it is handed over without another copy: for
/// a 20 MB PDF that is 20 MB and the length of the JSON around it. Waiting for an eighth means a header alone cannot
/// make the SDK allocate: a server that declares 60 MB and sends a few bytes costs a few pooled kilobytes, not 45 MB.
/// Without a length (a chunked answer) the bytes grow in pooled buffers and are copied once into an array of their
/// exact size, so the pool, not the caller, keeps the large buffers.
/// Written to a stream instead (<see cref="DrainToAsync"/> after each window), the file never exists whole in memory:
/// only the bytes one window of base64 decodes to are held at a time.
/// </summary>
internal sealed class DecodedFileBuffer : IDisposable
{
    private const int InitialPooledSize = 64 * 1024;

    /// <summary>How much of the final size must have arrived before the final array is allocated: one eighth.</summary>
    private const int PresizeFraction = 8;

    /// <summary>The most the declared body can decode to; 0 without a declared length, or once that array exists.</summary>
    private int _finalSize;
    private byte[] _array = ArrayPool<byte>.Shared.Rent(InitialPooledSize);
    private bool _pooled = true;
    private int _length;
    private long _drained;

    /// <param name="declaredLength">The body's trusted length in bytes, if known.</param>
    public DecodedFileBuffer(long? declaredLength)
    {
        if (declaredLength is { } length && length > 0)
        {
            _finalSize = (int)Math.Min((length / 4 * 3) + 3, Array.MaxLength);
        }
    }

    /// <summary>Room for at least <paramref name="size"/> more bytes.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_array.Length - _length < size)
        {
            var needed = (long)_length + size;
            if (_finalSize > 0 && needed <= _finalSize && needed >= _finalSize / PresizeFraction)
            {
                MoveToFinalArray();
            }
            else
            {
                Grow(size);
            }
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
        if (!_pooled || _finalSize > 0)
        {
            throw new InvalidOperationException("A buffer sized from a declared length hands its array over whole; create it without one to drain it.");
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

    /// <summary>Enough of the declared body arrived: the array of its final size, the bytes so far copied in once.</summary>
    private void MoveToFinalArray()
    {
        var final = GC.AllocateUninitializedArray<byte>(_finalSize);
        _array.AsSpan(0, _length).CopyTo(final);
        ArrayPool<byte>.Shared.Return(_array);
        _array = final;
        _pooled = false;
        _finalSize = 0;
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
