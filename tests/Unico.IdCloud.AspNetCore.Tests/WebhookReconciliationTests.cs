using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Completion;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// Issue 11 item 3: a fallback re-reads processes created but never reported finished — sequentially, spaced, and
/// through the receiver's de-duplication, so a webhook that did arrive does not run the handler a second time.
/// </summary>
public sealed class WebhookReconciliationTests
{
    private const string LostWebhook = "7e7e0000-0000-4000-8000-000000000001";
    private const string StillOpen = "7e7e0000-0000-4000-8000-000000000002";
    private const string AlreadyNotified = "7e7e0000-0000-4000-8000-000000000003";
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    [Fact]
    public async Task Reconciler_FinishedProcessWhoseWebhookWasLost_IsHandledOnce_WithSequentialSpacedReads()
    {
        var client = new FakeProcessClient
        {
            WhenScriptEmpty = (id, _) => Task.FromResult(id == StillOpen ? FakeProcessClient.Process(id, ProcessState.Created) : FakeProcessClient.Finished(id)),
        };
        await using var server = await WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
                o.MaxConcurrentHandlers = 1;
            },
            services: s =>
            {
                s.AddSingleton<IIdCloudProcessClient>(client);
                s.AddIdCloudWebhookReconciliation<ThreeOpenProcesses>(r =>
                {
                    r.Interval = TimeSpan.FromMinutes(15);
                    r.RequestSpacing = TimeSpan.FromSeconds(1);
                });
            });

        // The webhook of one of them did arrive and was handled.
        using (var response = await server.PostAsync(WebhookTestServer.Notification(AlreadyNotified), Credentials))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        Assert.Equal(AlreadyNotified, (await server.Handler.NextRunAsync()).ProcessId);

        // First pass: one read at once, then one per second, never two at a time.
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromMinutes(15));
        server.Time.Advance(TimeSpan.FromMinutes(15));
        await client.NextCallAsync();
        Assert.Equal([LostWebhook], client.GetProcessCalls);
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(1));
        Assert.Single(client.GetProcessCalls);
        server.Time.Advance(TimeSpan.FromSeconds(1));
        await client.NextCallAsync();
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, client.GetProcessCalls.Count);
        server.Time.Advance(TimeSpan.FromSeconds(1));
        await client.NextCallAsync();

        var reconciled = await server.Handler.NextRunAsync();
        await WaitUntilAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6021));

        Assert.Equal(LostWebhook, reconciled.ProcessId);
        Assert.Equal([AlreadyNotified, LostWebhook], server.Handler.Runs.Select(r => r.ProcessId));
        Assert.Equal([LostWebhook, StillOpen, AlreadyNotified], client.GetProcessCalls);
        Assert.Single(server.Logs.Entries, e => e.EventId.Id == 6020 && e.Message.Contains(LostWebhook, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconciler_StopsThePassAtA429_InsteadOfSpendingAnExhaustedBudget()
    {
        var client = new FakeProcessClient();
        client.Throws(new IdCloudException("HTTP 429") { Kind = IdCloudErrorKind.RateLimited, StatusCode = HttpStatusCode.TooManyRequests });
        await using var server = await WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
            },
            services: s =>
            {
                s.AddSingleton<IIdCloudProcessClient>(client);
                s.AddIdCloudWebhookReconciliation<ThreeOpenProcesses>();
            });

        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromMinutes(15));
        server.Time.Advance(TimeSpan.FromMinutes(15));
        await WaitUntilAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6022));
        await WaitUntilAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6021));

        Assert.Equal([LostWebhook], client.GetProcessCalls);
        Assert.Empty(server.Handler.Runs);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, guard.Token);
        }
    }

    private sealed class ThreeOpenProcesses : IIdCloudOpenProcessSource
    {
        public async IAsyncEnumerable<string> GetOpenProcessIdsAsync(DateTimeOffset createdBefore, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return LostWebhook;
            yield return StillOpen;
            yield return AlreadyNotified;
        }
    }
}
