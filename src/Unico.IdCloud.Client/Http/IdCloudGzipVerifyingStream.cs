using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// Decodes a gzip body and checks, at its end, that what came out is what the sender compressed: the CRC-32 and the
/// length that close every gzip stream (RFC 1952) must match the decoded bytes. Otherwise the read fails with
/// <see cref="InvalidDataException"/> (which the SDK reports as an invalid answer).
/// </summary>
/// <remarks>
/// .NET's <see cref="GZipStream"/> ends quietly when the compressed bytes stop early: a gzip stream cut short inside a
/// complete HTTP message (a server or proxy fault; a connection that drops is a transport error already) would give a
/// truncated file with no error. That matters for the signature API's downloads, whose bytes nothing else checks, so
/// the SDK asks that API for <c>identity</c> and, when it answers gzip anyway, decodes it here instead of in the
/// socket handler. A body of several gzip members (legal, never seen from an HTTP server) is refused: only the last
/// member's trailer is known here.
/// </remarks>
internal sealed class IdCloudGzipVerifyingStream : IdCloudReadOnlyStream
{
    private readonly TailRecordingStream _compressed;
    private readonly GZipStream _decoder;
    private readonly Crc32 _crc = new();
    private long _decodedLength;
    private bool _verified;

    public IdCloudGzipVerifyingStream(Stream compressed)
    {
        _compressed = new TailRecordingStream(compressed);
        _decoder = new GZipStream(_compressed, CompressionMode.Decompress);
    }

    public override long Position
    {
        get => _decodedLength;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var read = _decoder.Read(buffer);
        if (read > 0)
        {
            Count(buffer[..read]);
        }
        else if (!buffer.IsEmpty)
        {
            while (_compressed.Read(_compressed.Scratch) > 0)
            {
                // Bytes after the member the decoder stopped at: they become the tail, and the check below fails.
            }

            Verify();
        }

        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _decoder.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            Count(buffer.Span[..read]);
        }
        else if (!buffer.IsEmpty)
        {
            while (await _compressed.ReadAsync(_compressed.Scratch, cancellationToken).ConfigureAwait(false) > 0)
            {
                // As in Read: trailing bytes make the check fail.
            }

            Verify();
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _decoder.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Count(ReadOnlySpan<byte> decoded)
    {
        _crc.Append(decoded);
        _decodedLength += decoded.Length;
    }

    private void Verify()
    {
        if (_verified)
        {
            return;
        }

        // RFC 1952: the stream ends with CRC32 then ISIZE (the decoded length modulo 2^32), both little-endian.
        var tail = _compressed.Tail;
        if (tail.Length < 8
            || BinaryPrimitives.ReadUInt32LittleEndian(tail) != _crc.GetCurrentHashAsUInt32()
            || BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) != unchecked((uint)_decodedLength))
        {
            throw new InvalidDataException(
                $"The gzip body does not end with the checksum and length of the {_decodedLength} bytes it decoded to: it was cut short or altered.");
        }

        _verified = true;
    }

    /// <summary>Passes reads through and keeps the last 8 bytes that went by: the gzip trailer, once the body has ended.</summary>
    private sealed class TailRecordingStream(Stream inner) : IdCloudReadOnlyStream
    {
        private readonly byte[] _tail = new byte[8];
        private int _tailLength;

        /// <summary>A buffer for draining what follows the decoder's last read.</summary>
        public byte[] Scratch { get; } = new byte[256];

        /// <summary>The last bytes read, oldest first (8 once that many have passed).</summary>
        public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _tailLength);

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Remember(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Remember(buffer.Span[..read]);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }

        private void Remember(ReadOnlySpan<byte> read)
        {
            if (read.Length >= _tail.Length)
            {
                read[^_tail.Length..].CopyTo(_tail);
                _tailLength = _tail.Length;
                return;
            }

            // Shift the kept bytes left to make room, then append.
            var keep = Math.Min(_tailLength, _tail.Length - read.Length);
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            read.CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + read.Length;
        }
    }
}
