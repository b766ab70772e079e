using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads and writes <see cref="Base64Content"/> as a JSON string, decoding from and encoding to UTF-8 directly
/// (no intermediate base64 <see cref="string"/> for valid content). Invalid base64 is kept as raw text, never an error.
/// </summary>
internal sealed class Base64ContentJsonConverter : JsonConverter<Base64Content>
{
    /// <inheritdoc />
    public override Base64Content Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a JSON string of base64 file content but found {reader.TokenType}.");
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Decode(reader.ValueSpan) ?? FromText(ref reader);
        }

        // Escaped (e.g. "\/" for '/') or split across buffers: unescape into a pooled buffer first.
        var maxLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var rented = ArrayPool<byte>.Shared.Rent(maxLength);
        try
        {
            var written = reader.CopyString(rented);
            return Decode(rented.AsSpan(0, written)) ?? FromText(ref reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Base64Content value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.RawText is { } text)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteBase64StringValue(value.BytesSpan);
        }
    }

    private static Base64Content? Decode(ReadOnlySpan<byte> utf8)
    {
        if (!Base64.IsValid(utf8, out var length))
        {
            return null;
        }

        var bytes = new byte[length];
        var status = Base64.DecodeFromUtf8(utf8, bytes, out _, out var written);
        return status == OperationStatus.Done && written == length ? Base64Content.FromDecodedBytes(bytes) : null;
    }

    // Reached only for text that could not be decoded from UTF-8 directly: keep it verbatim.
    private static Base64Content FromText(ref Utf8JsonReader reader)
    {
        var text = reader.GetString()!;
        return Base64.IsValid(text, out _) ? Base64Content.FromBase64String(text) : Base64Content.FromInvalidText(text);
    }
}
