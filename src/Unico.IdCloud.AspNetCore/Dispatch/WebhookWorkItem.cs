namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>
/// One inbox item on its way through the handler; <see cref="Attempt"/> counts the runs so far, and
/// <see cref="TryConclude"/> makes sure exactly one final outcome (given up, or abandoned at stop) is logged.
/// </summary>
internal sealed class WebhookWorkItem(IdCloudWebhookInboxItem item)
{
    private int _concluded;

    public IdCloudWebhookInboxItem Item { get; } = item;

    public IdCloudWebhookDeliveryKey Key => Item.Key;

    public int Attempt { get; set; }

    /// <summary><see langword="true"/> for the first caller only.</summary>
    public bool TryConclude() => Interlocked.Exchange(ref _concluded, 1) == 0;
}
