using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads <c>process.capacities</c> (<see cref="IdCloudProcess.Capacities"/>) from a flat array of strings or an array
/// of arrays of strings into a flat <see cref="ProcessCapacityList"/>, and writes it back in the shape it was read in
/// (any other list is written flat). Named by the contract (<c>x-idcloud-converter</c> in openapi/idcloud-process.yaml).
/// </summary>
internal sealed class ProcessCapacityListJsonConverter : JsonConverter<IReadOnlyList<ProcessCapacity>>
{
    /// <inheritdoc />
    public override IReadOnlyList<ProcessCapacity> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
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
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ProcessCapacity> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var read = value as ProcessCapacityList;
        ReadOnlySpan<ProcessCapacity> items = read is null ? value.ToArray() : read.Items;
        writer.WriteStartArray();
        if (read?.Shape is not { } shape)
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
