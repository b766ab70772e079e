using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads and writes an <see cref="OcrDate"/> as its raw JSON string. Invalid dates are kept, never an error; a JSON
/// number is kept as its digits (and written back as a string).
/// </summary>
internal sealed class OcrDateJsonConverter : JsonConverter<OcrDate>
{
    /// <inheritdoc />
    public override OcrDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.String => new OcrDate(reader.GetString()),
            JsonTokenType.Number => new OcrDate(System.Text.Encoding.UTF8.GetString(
                reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan)),
            _ => throw new JsonException($"Expected a JSON string for an OCR date but found {reader.TokenType}."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OcrDate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Raw is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Raw);
        }
    }
}
