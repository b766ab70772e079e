using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// Reads and writes a list whose wire items each wrap one value in a one-member object, <c>[{"member": value}, ...]</c>,
/// as a C# list of the values themselves: the wrapper carries nothing else, so the public model does not need its type.
/// </summary>
/// <remarks>
/// An item without the member (an empty object, or one holding only members the contract does not know) has no value
/// to hold and is skipped when read; any other shape is a <see cref="JsonException"/> that names what was expected.
/// Subclasses say how one value is read and written.
/// </remarks>
/// <typeparam name="T">The value each wire item wraps.</typeparam>
internal abstract class WrappedItemListJsonConverter<T> : JsonConverter<IList<T>>
{
    private readonly string _member;
    private readonly string _itemName;

    /// <param name="member">The wrapper's one member, e.g. <c>notificationChannel</c>.</param>
    /// <param name="itemName">What one item is, for error messages, e.g. <c>notification</c>.</param>
    protected WrappedItemListJsonConverter(string member, string itemName)
    {
        _member = member;
        _itemName = itemName;
    }

    /// <inheritdoc />
    public sealed override IList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array of {_itemName} objects but found {reader.TokenType}.");
        }

        var values = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a {_itemName} object but found {reader.TokenType}.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isMember = reader.ValueTextEquals(_member);
                reader.Read();
                if (isMember && TryReadValue(ref reader, options, out var value))
                {
                    values.Add(value);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return values;
    }

    /// <inheritdoc />
    public sealed override void Write(Utf8JsonWriter writer, IList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStartObject();
            if (item is not null)
            {
                writer.WritePropertyName(_member);
                WriteValue(writer, item, options);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Reads the member's value, the reader standing on its first token. Returns <see langword="false"/> without
    /// consuming anything when the value has another shape (the item is then skipped).
    /// </summary>
    protected abstract bool TryReadValue(ref Utf8JsonReader reader, JsonSerializerOptions options, [MaybeNullWhen(false)] out T value);

    /// <summary>Writes one value, after its member name.</summary>
    protected abstract void WriteValue(Utf8JsonWriter writer, T value, JsonSerializerOptions options);
}
