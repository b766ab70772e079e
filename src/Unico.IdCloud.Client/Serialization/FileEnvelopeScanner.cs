using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// The state machine behind <see cref="IdCloudFileEnvelopeReader"/>: a window over the body as it arrives, scanned
/// either as JSON structure (by <see cref="Utf8JsonReader"/>, resumed across windows with its
/// <see cref="JsonReaderState"/>) or, inside the <c>fileContents</c> string, as base64 decoded straight into the file.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Utf8JsonReader"/> only hands out a string once all of it is in one buffer, which for this member would
/// mean holding the whole base64 text. So the reader is stopped right after the <c>"fileContents":</c> property name
/// (it has consumed the colon), this class reads the string itself, and once it finds the closing quote it writes an
/// opening quote into the byte before it: the reader, resumed with its saved state, reads an empty string as the
/// member's value and carries on with the rest of the object. That byte always exists: the window never starts at the
/// beginning of the buffer (<see cref="Headroom"/>).
/// </para>
/// <para>Not thread-safe; one instance per body.</para>
/// </remarks>
internal sealed class FileEnvelopeScanner : IDisposable
{
    /// <summary>Bytes kept free before the window, for the injected quote.</summary>
    private const int Headroom = 1;

    private const int ReadSize = 64 * 1024;

    /// <summary>What interrupts a run of base64 characters: the closing quote, an escape, padding, white space and control characters.</summary>
    private static readonly SearchValues<byte> NotPlainBase64 = SearchValues.Create(
        "\"\\= \u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

    private readonly DecodedFileBuffer _decoded;
    private readonly byte[] _quad = new byte[4];

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Headroom + ReadSize);
    private int _start = Headroom;
    private int _end = Headroom;
    private bool _endOfBody;

    private JsonReaderState _json = new(new JsonReaderOptions { MaxDepth = 64 });
    private JsonReaderState _afterFileName;
    private bool _inBase64;
    private bool _rootEnded;
    private bool _sawFile;
    private string? _contentType;

    private int _quadLength;
    private int _padding;

    /// <param name="declaredLength">The body's trusted length, if known (sizes the decoded array once).</param>
    public FileEnvelopeScanner(long? declaredLength) => _decoded = new DecodedFileBuffer(declaredLength);

    /// <summary>What <see cref="Step"/> needs next.</summary>
    public enum Progress
    {
        /// <summary>The window is used up: call <see cref="FillAsync"/>.</summary>
        NeedMore,

        /// <summary>The body is read: call <see cref="ToFile"/>.</summary>
        Done,
    }

    /// <summary>Scans what the window holds.</summary>
    /// <returns>Whether more of the body is needed.</returns>
    /// <exception cref="JsonException">The body is not JSON, or ended early.</exception>
    /// <exception cref="IdCloudUnreadableBodyException">The JSON is not a usable file envelope.</exception>
    public Progress Step()
    {
        while (true)
        {
            var progress = _inBase64 ? ScanBase64() : ScanStructure();
            if (progress is not null)
            {
                return progress.Value;
            }
        }
    }

    /// <summary>Keeps the unread part of the window and reads more of the body after it.</summary>
    /// <param name="body">The body.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when more is in the window, or the body has ended.</returns>
    /// <exception cref="JsonException">The body had already ended: it stopped in the middle of the JSON.</exception>
    public async ValueTask FillAsync(Stream body, CancellationToken cancellationToken)
    {
        if (_endOfBody)
        {
            throw new JsonException("The body ended before the JSON did.");
        }

        var unread = _end - _start;
        if (Headroom + unread + (ReadSize / 2) > _buffer.Length)
        {
            // A single JSON token (a long unknown member) does not fit: grow the window. Bounded by the body's size cap.
            var larger = ArrayPool<byte>.Shared.Rent(checked((Headroom + unread) * 2));
            _buffer.AsSpan(_start, unread).CopyTo(larger.AsSpan(Headroom));
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_start != Headroom)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer.AsSpan(Headroom));
        }

        _start = Headroom;
        _end = Headroom + unread;
        var read = await body.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfBody = true;
        }

        _end += read;
    }

    /// <summary>The file, once <see cref="Step"/> returned <see cref="Progress.Done"/>.</summary>
    /// <returns>The decoded bytes and the declared media type.</returns>
    public IdCloudFile ToFile() => new(_decoded.Detach(), _contentType);

    /// <summary>The answer's <c>contentType</c> member as sent (known once <see cref="Step"/> returned <see cref="Progress.Done"/>).</summary>
    public string? ContentType => _contentType;

    /// <summary>How many bytes the file decoded to so far.</summary>
    public long DecodedLength => _decoded.TotalLength;

    /// <summary>
    /// Writes what the last windows decoded to <paramref name="destination"/> (call it after each <see cref="Step"/>),
    /// for a scanner created without a declared length.
    /// </summary>
    /// <param name="destination">Where the file goes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask DrainToAsync(Stream destination, CancellationToken cancellationToken) => _decoded.DrainToAsync(destination, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _decoded.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static IdCloudUnreadableBodyException NotBase64() => new("a file (\"fileContents\" is not valid base64)");

    /// <summary>Reads JSON tokens until the window ends, the body ends, or the file's string starts.</summary>
    private Progress? ScanStructure()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfBody, _json);
        while (true)
        {
            // Where to restart if a member's name and value are not both in the window yet.
            var before = reader.CurrentState;
            var beforeConsumed = reader.BytesConsumed;
            if (!reader.Read())
            {
                Commit(reader.BytesConsumed, reader.CurrentState);
                if (!_endOfBody)
                {
                    return Progress.NeedMore;
                }

                if (!_rootEnded)
                {
                    throw new JsonException("The body is empty or ended before the JSON did.");
                }

                return _sawFile ? Progress.Done : throw new IdCloudUnreadableBodyException("a file (\"fileContents\" is missing)");
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when reader.CurrentDepth == 0:
                    break;
                case JsonTokenType.EndObject when reader.CurrentDepth == 0:
                    _rootEnded = true;
                    break;
                case JsonTokenType.String when reader.CurrentDepth == 1:
                    // The empty string written in place of the file's base64 (every other member's value is consumed below).
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1 && reader.ValueTextEquals("fileContents"u8):
                    if (_sawFile)
                    {
                        throw new JsonException("\"fileContents\" appears twice.");
                    }

                    var afterName = checked((int)reader.BytesConsumed);
                    var value = _buffer.AsSpan(_start + afterName, _end - _start - afterName);
                    var offset = value.IndexOfAnyExcept(" \t\r\n"u8);
                    if (offset >= 0 && value[offset] == (byte)'"')
                    {
                        _sawFile = true;
                        _afterFileName = reader.CurrentState;
                        _start += afterName + offset + 1;
                        _inBase64 = true;
                        return null;
                    }

                    if (offset < 0 || !reader.Read())
                    {
                        // The value has not arrived yet (at the end of the body the reader has already thrown).
                        Commit(beforeConsumed, before);
                        return Progress.NeedMore;
                    }

                    throw reader.TokenType == JsonTokenType.Null
                        ? new IdCloudUnreadableBodyException("a file (\"fileContents\" is null)")
                        : new JsonException($"\"fileContents\" is {reader.TokenType}, not a base64 string.");
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1 && reader.ValueTextEquals("contentType"u8):
                    if (!reader.Read())
                    {
                        Commit(beforeConsumed, before);
                        return Progress.NeedMore;
                    }

                    _contentType = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Null => null,
                        _ => throw new JsonException($"\"contentType\" is {reader.TokenType}, not a string."),
                    };
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    // A member the contract does not know: skipped whole, as the deserializer did.
                    if (!reader.TrySkip())
                    {
                        Commit(beforeConsumed, before);
                        return Progress.NeedMore;
                    }

                    break;
                case JsonTokenType.Null when reader.CurrentDepth == 0:
                    throw new IdCloudUnreadableBodyException("a file (the body is JSON null)");
                default:
                    throw new JsonException($"Expected a JSON object holding \"fileContents\" but found {reader.TokenType}.");
            }
        }
    }

    /// <summary>Decodes the base64 text in the window until its closing quote, or until the window ends.</summary>
    private Progress? ScanBase64()
    {
        var window = _buffer.AsSpan(_start, _end - _start);
        var index = 0;
        while (index < window.Length)
        {
            var run = window[index..];
            var stop = run.IndexOfAny(NotPlainBase64);
            if (stop != 0)
            {
                AcceptPlain(stop < 0 ? run : run[..stop]);
                if (stop < 0)
                {
                    index = window.Length;
                    break;
                }

                index += stop;
            }

            switch (window[index])
            {
                case (byte)'"':
                    FinishBase64();

                    // Hand the rest back to the JSON reader, the base64 replaced by an empty string (see the remarks).
                    var quote = _start + index;
                    _buffer[quote - 1] = (byte)'"';
                    _start = quote - 1;
                    _json = _afterFileName;
                    _inBase64 = false;
                    return null;
                case (byte)'\\':
                    var escape = window[index..];
                    if (escape.Length < 2 || (escape[1] == (byte)'u' && escape.Length < 6))
                    {
                        _start += index;
                        return Progress.NeedMore;
                    }

                    index += Unescape(escape, out var character);
                    Accept(character);
                    break;
                case (byte)'=' or (byte)' ':
                    Accept(window[index]);
                    index++;
                    break;
                default:
                    throw new JsonException("The file's base64 string contains an unescaped control character.");
            }
        }

        _start += index;
        return Progress.NeedMore;
    }

    /// <summary>Reads one JSON escape; returns its length in bytes.</summary>
    private static int Unescape(ReadOnlySpan<byte> escape, out int character)
    {
        switch (escape[1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/':
                character = escape[1];
                return 2;
            case (byte)'b':
                character = '\b';
                return 2;
            case (byte)'f':
                character = '\f';
                return 2;
            case (byte)'n':
                character = '\n';
                return 2;
            case (byte)'r':
                character = '\r';
                return 2;
            case (byte)'t':
                character = '\t';
                return 2;
            case (byte)'u' when Utf8Parser.TryParse(escape.Slice(2, 4), out ushort code, out var consumed, 'X') && consumed == 4:
                character = code;
                return 6;
            default:
                throw new JsonException("The file's base64 string contains an invalid JSON escape.");
        }
    }

    /// <summary>A run of bytes with no quote, escape, padding or white space: decoded straight from the window.</summary>
    private void AcceptPlain(ReadOnlySpan<byte> run)
    {
        if (_padding > 0)
        {
            throw NotBase64();
        }

        if (_quadLength > 0)
        {
            var take = Math.Min(4 - _quadLength, run.Length);
            run[..take].CopyTo(_quad.AsSpan(_quadLength));
            _quadLength += take;
            run = run[take..];
            if (_quadLength < 4)
            {
                return;
            }

            Decode(_quad, isFinal: false);
            _quadLength = 0;
        }

        var whole = run.Length & ~3;
        if (whole > 0)
        {
            Decode(run[..whole], isFinal: false);
        }

        run[whole..].CopyTo(_quad);
        _quadLength = run.Length - whole;
    }

    /// <summary>One character that interrupted a plain run: white space, padding, or an escaped character.</summary>
    private void Accept(int character)
    {
        switch (character)
        {
            case ' ' or '\t' or '\r' or '\n':
                // Ignored between base64 characters, as Convert.FromBase64String and Base64.IsValid do.
                return;
            case '=':
                // Padding: only the last one or two characters of the last group.
                if (_quadLength is < 2 or 4)
                {
                    throw NotBase64();
                }

                _padding++;
                _quad[_quadLength++] = (byte)'=';
                return;
            case > 0x7F:
                throw NotBase64();
            default:
                Span<byte> one = [(byte)character];
                AcceptPlain(one);
                return;
        }
    }

    /// <summary>The closing quote: the last group, padded or not, completes the text.</summary>
    private void FinishBase64()
    {
        if (_quadLength == 0)
        {
            return;
        }

        if (_quadLength != 4)
        {
            throw NotBase64();
        }

        Decode(_quad, isFinal: true);
        _quadLength = 0;
    }

    /// <summary>Decodes whole groups of four characters (padded only when <paramref name="isFinal"/>).</summary>
    private void Decode(ReadOnlySpan<byte> base64, bool isFinal)
    {
        var destination = _decoded.GetSpan(base64.Length / 4 * 3);
        var status = Base64.DecodeFromUtf8(base64, destination, out var consumed, out var written, isFinalBlock: true);
        if (status != OperationStatus.Done || consumed != base64.Length || (!isFinal && written != base64.Length / 4 * 3))
        {
            throw NotBase64();
        }

        _decoded.Advance(written);
    }

    private void Commit(long consumed, JsonReaderState state)
    {
        _start += checked((int)consumed);
        _json = state;
    }
}
