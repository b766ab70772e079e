using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Writes <see cref="ByClientDocumentRequest.Files"/> as the wire wants it, each page wrapped in an object,
/// <c>[{"data": "..."}]</c> (the only member of the vendor's file object), and reads it back the same way.
/// </summary>
internal sealed class ByClientDocumentFileListJsonConverter() : WrappedItemListJsonConverter<string>("data", "file")
{
    /// <inheritdoc />
    protected override bool TryReadValue(ref Utf8JsonReader reader, JsonSerializerOptions options, [MaybeNullWhen(false)] out string value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null;
        return value is not null;
    }

    /// <inheritdoc />
    protected override void WriteValue(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
