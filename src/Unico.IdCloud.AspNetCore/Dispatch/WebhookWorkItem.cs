using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>One accepted notification on its way to the handler; <see cref="Attempt"/> counts the runs so far.</summary>
internal sealed class WebhookWorkItem(IdCloudWebhookNotification notification, IdCloudWebhookDeliveryKey key, DateTimeOffset receivedAt)
{
    public IdCloudWebhookNotification Notification { get; } = notification;

    public IdCloudWebhookDeliveryKey Key { get; } = key;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public int Attempt { get; set; }
}
