using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads and writes an <see cref="IExtensibleEnumValue{TSelf}"/> as its raw JSON string: unknown strings are kept
/// verbatim and written back unchanged. Also handles the value as a dictionary key.
/// </summary>
/// <typeparam name="T">The extensible enum type.</typeparam>
/// <remarks>
/// Only JSON strings are accepted. A JSON <c>null</c> is handled by declaring the property as <c>T?</c>
/// (System.Text.Json then never calls this converter for it); any other token is a malformed document and is
/// reported as a <see cref="JsonException"/> naming the type and the token found.
/// </remarks>
internal sealed class ExtensibleEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnumValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(
                $"Expected a JSON string for {typeof(T).Name} but found {reader.TokenType}. " +
                $"Declare the property as {typeof(T).Name}? if the API may send null.");
        }

        return T.From(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }

    /// <inheritdoc />
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return T.From(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.Value);
    }
}
