using System.Globalization;
using StackExchange.Redis;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Redis.Webhooks;

/// <summary>
/// How an inbox item is written to a stream entry and read back: the notification's own members, its de-duplication
/// key and the receive time — nothing from the request's headers (the credential IDCloud presented never reaches
/// Redis). None of it is secret: a process id, a state, a flow, the expiry event.
/// </summary>
internal static class RedisWebhookInboxEntry
{
    /// <summary>Format version, so a future layout can be told apart.</summary>
    private const string Version = "1";

    public static NameValueEntry[] ToFields(IdCloudWebhookInboxItem item)
    {
        var notification = item.Notification;
        var fields = new List<NameValueEntry>(8)
        {
            new("v", Version),
            new("processId", notification.ProcessId),
            new("keyProcessId", item.Key.ProcessId),
            new("keyState", item.Key.State),
            new("receivedAt", item.ReceivedAt.ToUnixTimeMilliseconds()),
        };
        if (notification.State is { } state)
        {
            fields.Add(new("state", state.Value));
        }

        if (notification.Flow is { } flow)
        {
            fields.Add(new("flow", flow.Value));
        }

        if (notification.LastEvent is { } lastEvent)
        {
            fields.Add(new("lastEvent", lastEvent));
        }

        if (notification.LastEventDescription is { } description)
        {
            fields.Add(new("lastEventDescription", description));
        }

        return [.. fields];
    }

    /// <summary>The fields as script arguments (name, value, name, value, …).</summary>
    public static IEnumerable<RedisValue> Flatten(NameValueEntry[] fields) => fields.SelectMany(f => new[] { f.Name, f.Value });

    /// <summary>Reads an entry back; <see langword="null"/> when it is not one this inbox wrote.</summary>
    public static IdCloudWebhookInboxItem? FromFields(string entryId, IReadOnlyDictionary<string, string> fields)
    {
        if (!fields.TryGetValue("processId", out var processId) || string.IsNullOrEmpty(processId)
            || !fields.TryGetValue("keyProcessId", out var keyProcessId) || string.IsNullOrEmpty(keyProcessId)
            || !fields.TryGetValue("keyState", out var keyState) || string.IsNullOrEmpty(keyState)
            || !fields.TryGetValue("receivedAt", out var receivedText)
            || !long.TryParse(receivedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var receivedAt))
        {
            return null;
        }

        var notification = new IdCloudWebhookNotification(processId)
        {
            State = fields.TryGetValue("state", out var state) ? ProcessState.From(state) : null,
            Flow = fields.TryGetValue("flow", out var flow) ? Flow.From(flow) : null,
            LastEvent = fields.GetValueOrDefault("lastEvent"),
            LastEventDescription = fields.GetValueOrDefault("lastEventDescription"),
        };
        return new IdCloudWebhookInboxItem(
            notification,
            new IdCloudWebhookDeliveryKey(keyProcessId, keyState),
            DateTimeOffset.FromUnixTimeMilliseconds(receivedAt),
            entryId);
    }
}
