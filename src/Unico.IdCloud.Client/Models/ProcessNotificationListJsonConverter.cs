using System.Text.Json;
using Unico.IdCloud.Client.Serialization;

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
internal sealed class ProcessNotificationListJsonConverter() : WrappedItemListJsonConverter<NotificationChannel>("notificationChannel", "notification")
{
    /// <inheritdoc />
    protected override bool TryReadValue(ref Utf8JsonReader reader, JsonSerializerOptions options, out NotificationChannel value)
    {
        value = reader.TokenType == JsonTokenType.String ? NotificationChannel.From(reader.GetString()!) : default;
        return reader.TokenType == JsonTokenType.String;
    }

    /// <inheritdoc />
    protected override void WriteValue(Utf8JsonWriter writer, NotificationChannel value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
