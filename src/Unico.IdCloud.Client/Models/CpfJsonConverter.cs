using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>Reads and writes a <see cref="Cpf"/> as a JSON string of 11 digits (punctuation accepted on read).</summary>
/// <remarks>An invalid CPF is reported as a <see cref="JsonException"/> whose message does not contain the value.</remarks>
internal sealed class CpfJsonConverter : JsonConverter<Cpf>
{
    /// <inheritdoc />
    public override Cpf Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a JSON string for a CPF but found {reader.TokenType}.");
        }

        try
        {
            return Cpf.Parse(reader.GetString()!);
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Cpf value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
