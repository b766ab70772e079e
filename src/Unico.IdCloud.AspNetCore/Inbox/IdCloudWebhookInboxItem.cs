using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore;

/// <summary>One accepted notification in an <see cref="IIdCloudWebhookInbox"/>.</summary>
public sealed class IdCloudWebhookInboxItem
{
    /// <summary>Creates an item (the receiver does this; an inbox implementation does it when reading an item back).</summary>
    /// <param name="notification">The notification as received.</param>
    /// <param name="key">Its de-duplication key (normalised process id and state).</param>
    /// <param name="receivedAt">When the webhook call was received.</param>
    /// <param name="receipt">The inbox's own handle for the item (for example a Redis stream entry id); <see langword="null"/> when the inbox needs none.</param>
    public IdCloudWebhookInboxItem(IdCloudWebhookNotification notification, IdCloudWebhookDeliveryKey key, DateTimeOffset receivedAt, string? receipt = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Notification = notification;
        Key = key;
        ReceivedAt = receivedAt;
        Receipt = receipt;
    }

    /// <summary>The notification as received.</summary>
    public IdCloudWebhookNotification Notification { get; }

    /// <summary>The de-duplication key the receiver claimed for it.</summary>
    public IdCloudWebhookDeliveryKey Key { get; }

    /// <summary>When the webhook call was received.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The inbox's own handle for the item, if it needs one.</summary>
    public string? Receipt { get; }

    /// <summary>Returns a copy carrying <paramref name="receipt"/> (for an implementation that assigns one when adding).</summary>
    /// <param name="receipt">The inbox's handle.</param>
    /// <returns>The copy.</returns>
    public IdCloudWebhookInboxItem WithReceipt(string receipt) => new(Notification, Key, ReceivedAt, receipt);
}
