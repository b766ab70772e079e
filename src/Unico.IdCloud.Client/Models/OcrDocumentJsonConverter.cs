using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads an <see cref="OcrDocument"/>, choosing the <see cref="OcrDocumentData"/> type by its <c>code</c>, and writes
/// it back exactly as it was read.
/// </summary>
internal sealed class OcrDocumentJsonConverter : JsonConverter<OcrDocument>
{
    /// <inheritdoc />
    public override OcrDocument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for an OCR document but found {reader.TokenType}.");
        }

        // ParseValue copies the object into its own document, independent of the reader's buffer.
        return OcrDocument.FromJson(JsonElement.ParseValue(ref reader));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OcrDocument value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer);
    }
}
