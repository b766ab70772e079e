namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>Builds the handler's context for one run.</summary>
internal sealed class WebhookProcessReader
{
    public static Task<IdCloudWebhookContext> CreateContextAsync(WebhookWorkItem item, IServiceProvider scope, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new IdCloudWebhookContext(item.Notification, item.ReceivedAt, item.Attempt, scope));
    }
}
