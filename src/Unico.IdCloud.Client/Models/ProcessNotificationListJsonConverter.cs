using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads and writes <c>person.notifications</c> (<see cref="ProcessPerson.Notifications"/>): the wire wraps each
/// channel in an object, <c>[{"notificationChannel": "NOTIFICATION_CHANNEL_WHATSAPP"}]</c>, which carries nothing else,
/// so the C# list holds the channels themselves. Named by the contract (<c>x-idcloud-converter</c> in
/// openapi/idcloud-process.yaml).
/// </summary>
/// <remarks>
/// An item without a <c>notificationChannel</c> string (an empty object, or one holding only members the contract does
/// not know) has no channel to hold and is skipped when read.
/// </remarks>
internal sealed class ProcessNotificationListJsonConverter : JsonConverter<IList<NotificationChannel>>
{
    private const string ChannelProperty = "notificationChannel";

    /// <inheritdoc />
    public override IList<NotificationChannel> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array of notifications but found {reader.TokenType}.");
        }

        var channels = new List<NotificationChannel>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a notification object but found {reader.TokenType}.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isChannel = reader.ValueTextEquals(ChannelProperty);
                reader.Read();
                if (isChannel && reader.TokenType == JsonTokenType.String)
                {
                    channels.Add(NotificationChannel.From(reader.GetString()!));
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return channels;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IList<NotificationChannel> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var channel in value)
        {
            writer.WriteStartObject();
            writer.WriteString(ChannelProperty, channel.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
