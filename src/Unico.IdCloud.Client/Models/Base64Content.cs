using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The content of a base64 file field: documents to sign (<c>payload[].envelopePayload.documents[].fileContents</c>)
/// and downloaded files (selfie, evidence set). Holds either the decoded bytes or, when the text is not valid base64, the
/// raw text exactly as received. Internal: users see bytes (<see cref="EnvelopeDocument.FileContents"/>,
/// <see cref="IdCloudFile"/>); this type only carries the wire form.
/// </summary>
/// <remarks>
/// <para>
/// Files can be tens of megabytes, so the JSON converter decodes straight from the UTF-8 JSON token into a byte array
/// of the exact size (no intermediate base64 string) and encodes straight to UTF-8 on write.
/// </para>
/// <para>
/// Invalid base64 never fails deserialization: the vendor's own examples contain elided values such as
/// <c>"JVBERi0x[...]Cg=="</c>. Such content keeps its raw text (<see cref="IsValidBase64"/> is
/// <see langword="false"/>), is written back unchanged, and <see cref="GetBytes"/> throws a
/// <see cref="FormatException"/> only when someone actually asks for the bytes.
/// </para>
/// <para>
/// Content made from bytes is written in canonical base64, so a valid value read from JSON is written back with the
/// same bytes but, if the sender used line breaks or non-zero padding bits, not necessarily the same characters.
/// Two instances are equal when they hold the same bytes, or, when either is not valid base64, the same text.
/// </para>
/// <para><see cref="ToString"/> never prints the content (it may be a personal document or selfie).</para>
/// </remarks>
[JsonConverter(typeof(Base64ContentJsonConverter))]
[DebuggerDisplay("{ToString(),nq}")]
internal sealed class Base64Content : IEquatable<Base64Content>
{
    private const int NotDecoded = 0;
    private const int Decoded = 1;
    private const int Invalid = 2;

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly string? _text;

    // Lazily decoded bytes of _text: a benign race (two threads may both decode the same text to equal arrays).
    private byte[]? _decodedText;
    private int _textState;

    private Base64Content(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    private Base64Content(string text) => _text = text;

    /// <summary>Wraps bytes. The memory is not copied: do not change it while this instance is in use.</summary>
    /// <param name="bytes">The file content.</param>
    /// <returns>The content.</returns>
    public static Base64Content FromBytes(ReadOnlyMemory<byte> bytes) => new(bytes);

    /// <summary>
    /// Wraps base64 text as is; it is decoded only when the bytes are asked for, and written to JSON unchanged.
    /// Text that is not valid base64 is accepted (see <see cref="IsValidBase64"/>).
    /// </summary>
    /// <param name="base64">The base64 text.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="base64"/> is <see langword="null"/>.</exception>
    public static Base64Content FromBase64String(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        return new Base64Content(base64);
    }

    /// <summary>Whether the content is valid base64, i.e. whether <see cref="GetBytes"/> succeeds.</summary>
    public bool IsValidBase64 => TryGetBytes(out _);

    /// <summary>
    /// The number of decoded bytes, or <see langword="null"/> when the text is not valid base64. Computed without
    /// decoding.
    /// </summary>
    public int? DecodedLength
    {
        get
        {
            if (_text is null)
            {
                return _bytes.Length;
            }

            if (Volatile.Read(ref _textState) == Decoded)
            {
                return _decodedText!.Length;
            }

            return Base64.IsValid(_text, out var length) ? length : null;
        }
    }

    /// <summary>
    /// The raw text when the content was created from text (<see cref="FromBase64String"/>, or JSON that was not valid
    /// base64); <see langword="null"/> when it holds bytes. Intended for diagnostics of invalid content: it may be large.
    /// </summary>
    public string? RawText => _text;

    /// <summary>Gets the decoded bytes.</summary>
    /// <param name="bytes">The bytes, or empty when the text is not valid base64.</param>
    /// <returns><see langword="true"/> when the content is valid base64.</returns>
    public bool TryGetBytes(out ReadOnlyMemory<byte> bytes)
    {
        if (_text is null)
        {
            bytes = _bytes;
            return true;
        }

        switch (Volatile.Read(ref _textState))
        {
            case Decoded:
                bytes = _decodedText;
                return true;
            case Invalid:
                bytes = default;
                return false;
        }

        if (Base64.IsValid(_text, out var length))
        {
            var decoded = new byte[length];
            if (Convert.TryFromBase64String(_text, decoded, out var written) && written == length)
            {
                _decodedText = decoded;
                Volatile.Write(ref _textState, Decoded);
                bytes = decoded;
                return true;
            }
        }

        Volatile.Write(ref _textState, Invalid);
        bytes = default;
        return false;
    }

    /// <summary>Gets the decoded bytes.</summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="FormatException">The content is not valid base64 (the vendor sent a placeholder or truncated value).</exception>
    public ReadOnlyMemory<byte> GetBytes()
    {
        if (TryGetBytes(out var bytes))
        {
            return bytes;
        }

        throw new FormatException(
            $"The file content is not valid base64 ({_text!.Length} characters); the service sent text that cannot be " +
            "decoded, such as a truncated or placeholder value. RawText holds it for diagnostics.");
    }

    /// <summary>Creates a read-only stream over the decoded bytes.</summary>
    /// <returns>A stream the caller disposes.</returns>
    /// <exception cref="FormatException">The content is not valid base64.</exception>
    public Stream OpenRead()
    {
        var bytes = GetBytes();
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment))
        {
            return new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        }

        return new MemoryStream(bytes.ToArray(), writable: false);
    }

    /// <inheritdoc />
    public bool Equals(Base64Content? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        var thisValid = TryGetBytes(out var thisBytes);
        var otherValid = other.TryGetBytes(out var otherBytes);
        if (thisValid && otherValid)
        {
            return thisBytes.Span.SequenceEqual(otherBytes.Span);
        }

        return !thisValid && !otherValid && string.Equals(_text, other._text, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Base64Content);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (!TryGetBytes(out var bytes))
        {
            return StringComparer.Ordinal.GetHashCode(_text!);
        }

        var hash = default(HashCode);
        hash.AddBytes(bytes.Span);
        return hash.ToHashCode();
    }

    /// <summary>Describes the content by size only, never by value, e.g. <c>Base64Content (12345 bytes)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var length = DecodedLength;
        return length is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $"Base64Content ({bytes} bytes)")
            : string.Create(CultureInfo.InvariantCulture, $"Base64Content (invalid base64, {_text!.Length} characters)");
    }

    internal ReadOnlySpan<byte> BytesSpan => _bytes.Span;

    internal static Base64Content FromDecodedBytes(byte[] bytes) => new(bytes);

    internal static Base64Content FromInvalidText(string text) => new(text) { _textState = Invalid };
}
