using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Writes <see cref="ByClientDocumentRequest.Files"/> as the wire wants it, each page wrapped in an object,
/// <c>[{"data": "..."}]</c> (the only member of the vendor's file object), and reads it back the same way.
/// </summary>
internal sealed class ByClientDocumentFileListJsonConverter : JsonConverter<IList<string>>
{
    private const string DataProperty = "data";

    /// <inheritdoc />
    public override IList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array of files but found {reader.TokenType}.");
        }

        var files = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a file object but found {reader.TokenType}.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isData = reader.ValueTextEquals(DataProperty);
                reader.Read();
                if (isData && reader.TokenType == JsonTokenType.String)
                {
                    files.Add(reader.GetString()!);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return files;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var file in value)
        {
            writer.WriteStartObject();
            writer.WriteString(DataProperty, file);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
