using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads and writes <see cref="OcrDocumentData"/> on its own (without the surrounding <see cref="OcrDocument"/>).
/// Writing writes <see cref="OcrDocumentData.Json"/> unchanged. Prefer <see cref="OcrDocument"/>, which also carries the
/// document code.
/// </summary>
internal sealed class OcrDocumentDataJsonConverter : JsonConverter<OcrDocumentData>
{
    /// <inheritdoc />
    public override OcrDocumentData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for OCR document data but found {reader.TokenType}.");
        }

        return new OcrDocumentData(JsonElement.ParseValue(ref reader));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OcrDocumentData value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.Json.WriteTo(writer);
    }
}
