using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// Reads and writes <see cref="DateTimeOffset"/> as RFC 3339 text the way the API (protobuf <c>Timestamp</c> JSON)
/// does: UTC with a <c>Z</c> suffix (<c>"2023-10-09T15:15:25.417105Z"</c>) rather than System.Text.Json's default
/// <c>+00:00</c>, so a process read and written back (by an emulator, a cache, a log of the wire) keeps its text.
/// </summary>
/// <remarks>
/// Reading is System.Text.Json's ISO 8601 parser: any offset, and up to nanosecond precision (digits below the 100 ns
/// tick are truncated). A value with a non-zero offset is written with that offset. Anything that is not a valid
/// date-time string is a <see cref="JsonException"/>.
/// </remarks>
internal sealed class ProtobufTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException("Expected an RFC 3339 date-time string such as \"2023-10-09T15:15:25.417105Z\".");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Offset == TimeSpan.Zero)
        {
            // A UTC DateTime is written in round-trip form with a 'Z' and trailing zero digits trimmed.
            writer.WriteStringValue(value.UtcDateTime);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
