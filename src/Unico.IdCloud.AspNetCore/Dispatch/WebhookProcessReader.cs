using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unico.IdCloud.AspNetCore.Endpoint;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>
/// Builds the handler's context for one run, reading the process first when <see cref="IdCloudWebhookOptions.FetchProcess"/>
/// is on (a GUID id in its canonical lower-case form, the one IDCloud issues). A failed read fails the run, which is
/// then retried like a failed handler — except 404/400, which no retry can change.
/// </summary>
internal sealed class WebhookProcessReader(IOptions<IdCloudWebhookOptions> options)
{
    private readonly bool _fetchProcess = options.Value.FetchProcess;

    public async Task<IdCloudWebhookContext> CreateContextAsync(WebhookWorkItem item, IServiceProvider scope, CancellationToken cancellationToken)
    {
        var process = _fetchProcess
            ? await scope.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(WebhookProcessIds.Canonical(item.Item.Notification.ProcessId), cancellationToken).ConfigureAwait(false)
            : null;
        return new IdCloudWebhookContext(item.Item.Notification, item.Item.ReceivedAt, item.Attempt, scope, process);
    }
}
