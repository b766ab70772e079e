using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads a <see cref="ProcessCapacityList"/> from a flat array of strings or an array of arrays of strings, and writes
/// it back in the shape it was read in.
/// </summary>
internal sealed class ProcessCapacityListJsonConverter : JsonConverter<ProcessCapacityList>
{
    /// <inheritdoc />
    public override ProcessCapacityList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array of process capacities but found {reader.TokenType}.");
        }

        var items = new List<ProcessCapacity>();
        var shape = new List<int>();
        var nested = false;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                items.Add(ProcessCapacity.From(reader.GetString()!));
                shape.Add(-1);
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw UnexpectedItem(reader.TokenType);
            }

            nested = true;
            var groupLength = 0;
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw UnexpectedItem(reader.TokenType);
                }

                items.Add(ProcessCapacity.From(reader.GetString()!));
                groupLength++;
            }

            shape.Add(groupLength);
        }

        return ProcessCapacityList.FromJson([.. items], nested ? [.. shape] : null);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ProcessCapacityList value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var items = value.Items;
        writer.WriteStartArray();
        if (value.Shape is not { } shape)
        {
            foreach (var item in items)
            {
                writer.WriteStringValue(item.Value);
            }
        }
        else
        {
            var next = 0;
            foreach (var element in shape)
            {
                if (element < 0)
                {
                    writer.WriteStringValue(items[next++].Value);
                    continue;
                }

                writer.WriteStartArray();
                for (var i = 0; i < element; i++)
                {
                    writer.WriteStringValue(items[next++].Value);
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndArray();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The process capacity array ended unexpectedly.");
        }

        return reader.TokenType;
    }

    private static JsonException UnexpectedItem(JsonTokenType token) =>
        new($"Expected process capacities as JSON strings (or arrays of strings) but found {token}.");
}
