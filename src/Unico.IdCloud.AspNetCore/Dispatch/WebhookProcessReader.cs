using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>
/// Builds the handler's context for one run, reading the process first when <see cref="IdCloudWebhookOptions.FetchProcess"/>
/// is on. A failed read fails the run, which is then retried like a failed handler.
/// </summary>
internal sealed class WebhookProcessReader(IOptions<IdCloudWebhookOptions> options)
{
    private readonly bool _fetchProcess = options.Value.FetchProcess;

    public async Task<IdCloudWebhookContext> CreateContextAsync(WebhookWorkItem item, IServiceProvider scope, CancellationToken cancellationToken)
    {
        var process = _fetchProcess
            ? await scope.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(item.Notification.ProcessId, cancellationToken).ConfigureAwait(false)
            : null;
        return new IdCloudWebhookContext(item.Notification, item.ReceivedAt, item.Attempt, scope, process);
    }
}
