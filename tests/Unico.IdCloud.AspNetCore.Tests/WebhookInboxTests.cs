using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// The durable-record seam (<see cref="IIdCloudWebhookInbox"/>): a notification is recorded before the 2xx, work
/// left by a dead instance is picked up, and a stopping instance gives back — and logs — what it could not finish.
/// </summary>
public sealed class WebhookInboxTests
{
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    [Fact]
    public async Task DurableInbox_WorkLeftByADeadInstance_IsHandledAndCompletedByTheNext()
    {
        const string orphan = "0d0d0d0d-0000-4000-8000-000000000001";
        var inbox = new DurableTestInbox();
        inbox.Seed(new IdCloudWebhookInboxItem(new IdCloudWebhookNotification(orphan), new IdCloudWebhookDeliveryKey(orphan, "PROCESS_STATE_FINISHED"), DateTimeOffset.UnixEpoch, "1700000000000-0"));

        await using var server = await StartAsync(inbox);
        var run = await server.Handler.NextRunAsync();
        await WaitUntilAsync(() => !inbox.Completed.IsEmpty);
        using var redelivery = await server.PostAsync(WebhookTestServer.Notification(orphan), Credentials);

        Assert.Equal(orphan, run.ProcessId);
        Assert.Equal("1700000000000-0", Assert.Single(inbox.Completed).Receipt);
        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode); // marked handled in the de-duplication store
        Assert.Single(server.Handler.Runs);
    }

    [Fact]
    public async Task DurableInbox_Stop_ReturnsUnfinishedWorkWithALogLineEach_AndLeavesQueuedWorkForOthers()
    {
        var inbox = new DurableTestInbox();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        await using var server = await StartAsync(
            inbox,
            shutdownTimeout: TimeSpan.FromSeconds(1),
            handler: async (_, _) =>
            {
                Interlocked.Increment(ref started);
                await release.Task; // ignores its token
            },
            concurrency: 2);
        var ids = Enumerable.Range(1, 5).Select(i => $"0d0d0d0d-0000-4000-8000-{i:D12}").ToArray();
        foreach (var id in ids)
        {
            using var response = await server.PostAsync(WebhookTestServer.Notification(id), Credentials);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await WaitUntilAsync(() => Volatile.Read(ref started) == 2);
        await server.App.StopAsync();
        var left = server.Logs.Entries.Where(e => e.EventId.Id == 6012).ToList();
        release.SetResult();

        // Two were running and are given back at once (another consumer takes them without waiting for the lease);
        // three were never taken and stay in the inbox. Nothing is released as lost (no 6010).
        Assert.Equal(2, inbox.Returned.Count);
        Assert.Equal(2, left.Count);
        Assert.All(inbox.Returned, item => Assert.Contains(left, e => e.Message.Contains(item.Key.ProcessId, StringComparison.Ordinal)));
        Assert.Equal(3, inbox.Available);
        Assert.DoesNotContain(server.Logs.Entries, e => e.EventId.Id == 6010);
    }

    [Fact]
    public async Task InboxThatFailsToRecord_Answers503AndReleasesTheClaim()
    {
        const string id = "0d0d0d0d-0000-4000-8000-00000000000f";
        var inbox = new DurableTestInbox { FailAdds = true };
        await using var server = await StartAsync(inbox);

        using var failed = await server.PostAsync(WebhookTestServer.Notification(id), Credentials);
        inbox.FailAdds = false;
        using var redelivery = await server.PostAsync(WebhookTestServer.Notification(id), Credentials);
        await server.Handler.NextRunAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6015 && e.Exception is TimeoutException);
    }

    private static Task<WebhookTestServer> StartAsync(
        DurableTestInbox inbox,
        TimeSpan? shutdownTimeout = null,
        Func<IdCloudWebhookContext, CancellationToken, Task>? handler = null,
        int concurrency = 4) =>
        WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
                o.MaxConcurrentHandlers = concurrency;
            },
            registerHandler: handler is null,
            services: s =>
            {
                s.AddSingleton<IIdCloudWebhookInbox>(inbox);
                if (shutdownTimeout is { } budget)
                {
                    s.Configure<HostOptions>(h => h.ShutdownTimeout = budget);
                }

                if (handler is not null)
                {
                    s.AddIdCloudWebhookHandler(handler);
                }
            },
            manualClockForTheApplication: handler is null);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, guard.Token);
        }
    }
}
