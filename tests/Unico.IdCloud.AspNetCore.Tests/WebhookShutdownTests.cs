using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// Issue 14 item 2: what a graceful stop does with notifications that were already acknowledged. Real Kestrel, real
/// host shutdown (<see cref="HostOptions.ShutdownTimeout"/> is the budget), real clock for the handlers.
/// </summary>
public sealed class WebhookShutdownTests(ITestOutputHelper output)
{
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    [Fact]
    public async Task Stop_WithTwelveAcceptedNotifications_DrainsAllWithinShutdownBudget()
    {
        var handled = new ConcurrentQueue<string>();
        await using var server = await StartAsync(
            shutdownTimeout: TimeSpan.FromSeconds(30),
            handler: async (context, cancellationToken) =>
            {
                // A handler that honours cancellation: it is only cancelled if the stop budget runs out.
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                handled.Enqueue(context.ProcessId);
            });
        var ids = TwelveIds();
        foreach (var id in ids)
        {
            using var response = await server.PostAsync(WebhookTestServer.Notification(id), Credentials);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var stopwatch = Stopwatch.StartNew();
        await server.App.StopAsync();
        stopwatch.Stop();
        output.WriteLine($"stop took {stopwatch.Elapsed.TotalSeconds:F1} s; handled {handled.Count} of 12");

        Assert.Equal(ids.Order(), handled.Order());
        Assert.DoesNotContain(server.Logs.Entries, e => e.EventId.Id == 6010);
        Assert.Equal(12, server.Logs.Entries.Count(e => e.EventId.Id == 6007));
        // 12 runs of 3 s on 4 workers need 9 s; the stop waited for them, and stayed within its 30 s budget.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Stop_WhenHandlerIgnoresItsToken_LogsEveryUnhandledNotificationBeforeStopReturns()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        await using var server = await StartAsync(
            shutdownTimeout: TimeSpan.FromSeconds(1),
            handler: async (_, _) =>
            {
                Interlocked.Increment(ref started);
                await release.Task; // ignores its token on purpose
            });
        var ids = TwelveIds();
        foreach (var id in ids)
        {
            using var response = await server.PostAsync(WebhookTestServer.Notification(id), Credentials);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var stopwatch = Stopwatch.StartNew();
        await server.App.StopAsync();
        output.WriteLine($"stop took {stopwatch.Elapsed.TotalSeconds:F1} s; {server.Logs.Entries.Count(e => e.EventId.Id == 6010)} of 12 logged as 6010 at return");
        var droppedAtReturn = server.Logs.Entries.Where(e => e.EventId.Id == 6010).Select(e => e.Message).ToList();
        release.SetResult();

        // Every acknowledged notification that was not handled has its own line naming it, when StopAsync returns.
        Assert.All(ids, id => Assert.Single(droppedAtReturn, m => m.Contains(id, StringComparison.Ordinal)));
        Assert.Equal(12, droppedAtReturn.Count);
        Assert.InRange(Volatile.Read(ref started), 1, 12);
    }

    internal static string[] TwelveIds() =>
        [.. Enumerable.Range(1, 12).Select(i => $"5e7a0000-0000-4000-8000-{i:D12}")];

    private static Task<WebhookTestServer> StartAsync(TimeSpan shutdownTimeout, Func<IdCloudWebhookContext, CancellationToken, Task> handler) =>
        WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
            },
            registerHandler: false,
            services: s =>
            {
                s.Configure<HostOptions>(h => h.ShutdownTimeout = shutdownTimeout);
                s.AddIdCloudWebhookHandler(handler);
            },
            manualClockForTheApplication: false);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, guard.Token);
        }
    }
}
