using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// At-least-once delivery: duplicates run the handler once; failures are retried off the request path (time driven
/// by a manual clock) and only a success marks the notification handled.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string ProcessId = "8263a268-5388-492a-bca2-28e1ff4a69f0";
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    [Fact]
    public async Task The_same_notification_delivered_twice_runs_the_handler_once()
    {
        await using var server = await StartAsync();

        using var first = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.NextRunAsync();
        using var second = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        using var sameIdOtherCase = await server.PostAsync(WebhookTestServer.Notification(ProcessId.ToUpperInvariant()), Credentials);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameIdOtherCase.StatusCode);
        await AssertHandlerRanOnlyForAsync(server, ProcessId);
    }

    [Fact]
    public async Task A_duplicate_arriving_while_the_first_is_still_running_is_acknowledged_and_not_run()
    {
        await using var server = await StartAsync();
        server.Handler.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var first = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var duplicate = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        server.Handler.Gate.SetResult();
        await server.Handler.NextRunAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        await AssertHandlerRanOnlyForAsync(server, ProcessId);
    }

    [Fact]
    public async Task Many_concurrent_duplicates_run_the_handler_once()
    {
        await using var server = await StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        await server.Handler.NextRunAsync();
        await AssertHandlerRanOnlyForAsync(server, ProcessId);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_failing_handler_is_retried_with_backoff_until_it_succeeds_and_only_then_counts_as_handled()
    {
        await using var server = await StartAsync(o => { o.HandlerRetryDelay = TimeSpan.FromSeconds(5); o.HandlerTimeout = TimeSpan.FromHours(1); });
        server.Handler.FailFirst(2);

        using var response = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var firstRun = await server.Handler.NextRunAsync();
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), server.Time.PendingDelays.Min());

        // While the retry waits, a redelivery is a duplicate: it must not start a second, parallel run.
        using var duringRetry = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        Assert.Equal(HttpStatusCode.OK, duringRetry.StatusCode);

        server.Time.Advance(TimeSpan.FromSeconds(5));
        var secondRun = await server.Handler.NextRunAsync();
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(10), server.Time.PendingDelays.Min());
        server.Time.Advance(TimeSpan.FromSeconds(10));
        var thirdRun = await server.Handler.NextRunAsync();

        Assert.Equal([1, 2, 3], new[] { firstRun.Attempt, secondRun.Attempt, thirdRun.Attempt });
        Assert.Equal(3, Assert.Single(server.Handler.Successes).Attempt);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6008 && e.Exception is InvalidOperationException);

        await WaitUntilAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6007));
        using var afterSuccess = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        Assert.Equal(HttpStatusCode.OK, afterSuccess.StatusCode);
        Assert.Equal(3, server.Handler.Runs.Count);
    }

    [Fact]
    public async Task After_the_last_attempt_fails_the_failure_is_logged_and_a_new_delivery_is_handled_again()
    {
        await using var server = await StartAsync(o => { o.MaxHandlerAttempts = 2; o.HandlerRetryDelay = TimeSpan.FromSeconds(1); o.HandlerTimeout = TimeSpan.FromHours(1); });
        server.Handler.FailFirst(2);

        using var first = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.NextRunAsync();
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(1));
        server.Time.Advance(TimeSpan.FromSeconds(1));
        await server.Handler.NextRunAsync();
        await WaitUntilAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6009));

        // Not lost: the give-up is an error log naming the process, and the notification is released.
        var gaveUp = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 6009);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, gaveUp.Level);
        Assert.Contains(ProcessId, gaveUp.Message, StringComparison.Ordinal);
        Assert.Empty(server.Handler.Successes);

        using var redelivery = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        var third = await server.Handler.NextRunAsync();

        Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);
        Assert.Equal(1, third.Attempt);
        Assert.Single(server.Handler.Successes);
    }

    [Fact]
    public async Task A_handler_run_that_exceeds_its_timeout_is_cancelled_and_retried()
    {
        await using var server = await StartAsync(o => { o.HandlerTimeout = TimeSpan.FromSeconds(30); o.HandlerRetryDelay = TimeSpan.FromSeconds(1); });
        server.Handler.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var response = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(30));
        server.Time.Advance(TimeSpan.FromSeconds(30));
        var timedOut = await server.Handler.NextRunAsync();
        server.Handler.Gate.SetResult();
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(1));
        server.Time.Advance(TimeSpan.FromSeconds(1));
        var retried = await server.Handler.NextRunAsync();

        Assert.Equal(1, timedOut.Attempt);
        Assert.Equal(2, Assert.Single(server.Handler.Successes).Attempt);
        Assert.Equal(retried.Attempt, server.Handler.Successes.Single().Attempt);
    }

    [Fact]
    public async Task The_same_process_reaching_another_state_is_a_new_notification()
    {
        await using var server = await StartAsync();

        using var finished = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.NextRunAsync();
        using var other = await server.PostAsync(WebhookTestServer.Notification(ProcessId, state: "PROCESS_STATE_SOMETHING_NEW"), Credentials);
        await server.Handler.NextRunAsync();

        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.Equal(["PROCESS_STATE_FINISHED", "PROCESS_STATE_SOMETHING_NEW"], server.Handler.Runs.Select(r => r.Notification.State?.Value));
    }

    [Fact]
    public async Task When_the_queue_is_full_the_call_gets_503_with_retry_after_and_is_not_remembered()
    {
        await using var server = await StartAsync(o => { o.QueueCapacity = 1; o.MaxConcurrentHandlers = 1; });
        server.Handler.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var running = await server.PostAsync(WebhookTestServer.Notification("aaaaaaaa-0000-0000-0000-000000000001"), Credentials);
        await server.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var queued = await server.PostAsync(WebhookTestServer.Notification("aaaaaaaa-0000-0000-0000-000000000002"), Credentials);
        using var refused = await server.PostAsync(WebhookTestServer.Notification("aaaaaaaa-0000-0000-0000-000000000003"), Credentials);

        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        var full = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 6006);
        Assert.Contains("InMemoryIdCloudWebhookInbox", full.Message, StringComparison.Ordinal);
        Assert.Contains("IdCloud:Webhook:QueueCapacity", full.Message, StringComparison.Ordinal);

        server.Handler.Gate.SetResult();
        await server.Handler.NextRunAsync();
        await server.Handler.NextRunAsync();
        using var redelivered = await server.PostAsync(WebhookTestServer.Notification("aaaaaaaa-0000-0000-0000-000000000003"), Credentials);
        await server.Handler.NextRunAsync();

        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        Assert.Equal(3, server.Handler.Successes.Count);
    }

    [Fact]
    public async Task The_handler_gets_its_own_scope_and_the_receive_time()
    {
        await using var server = await StartAsync();

        using var a = await server.PostAsync(WebhookTestServer.Notification("bbbbbbbb-0000-0000-0000-000000000001"), Credentials);
        using var b = await server.PostAsync(WebhookTestServer.Notification("bbbbbbbb-0000-0000-0000-000000000002"), Credentials);
        var runs = new[] { await server.Handler.NextRunAsync(), await server.Handler.NextRunAsync() };

        Assert.All(runs, r => Assert.Equal(server.Time.GetUtcNow(), r.ReceivedAt));
        Assert.NotSame(runs[0].Services, runs[1].Services);
    }

    [Fact]
    public async Task Every_authenticated_notification_wakes_in_process_waiters_even_without_a_handler()
    {
        var notifier = new RecordingNotifier();
        await using var server = await StartAsync(registerHandler: false, services: s => s.AddSingleton<IIdCloudCompletionNotifier>(notifier));

        using var first = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        using var duplicate = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        using var unauthenticated = await server.PostAsync(WebhookTestServer.Notification("cccccccc-0000-0000-0000-000000000000"), ("X-API-Key", "wrong"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal([ProcessId, ProcessId], notifier.Received.Select(n => n.ProcessId));
    }

    [Fact]
    public async Task A_failing_deduplication_store_answers_503_so_the_notification_is_delivered_again()
    {
        var store = new FlakyStore();
        await using var server = await StartAsync(services: s => s.AddSingleton<IIdCloudWebhookDeduplicationStore>(store));

        using var first = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        store.Healthy = true;
        using var redelivery = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.NextRunAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.NotNull(first.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6011 && e.Exception is TimeoutException);
        Assert.Single(server.Handler.Runs);
    }

    private static Task<WebhookTestServer> StartAsync(
        Action<IdCloudWebhookOptions>? more = null,
        bool registerHandler = true,
        Action<IServiceCollection>? services = null) =>
        WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
                o.MaxConcurrentHandlers = 1; // one worker: runs happen in delivery order, so "only these ran" is exact
                more?.Invoke(o);
            },
            registerHandler,
            services);

    private static async Task AssertHandlerRanOnlyForAsync(WebhookTestServer server, string processId)
    {
        // A sentinel for another process is handled after the duplicates; if a duplicate had been queued it would have run first.
        const string sentinel = "99999999-9999-9999-9999-999999999999";
        using var response = await server.PostAsync(WebhookTestServer.Notification(sentinel), Credentials);
        await server.Handler.NextRunAsync();
        Assert.Equal([processId, sentinel], server.Handler.Runs.Select(r => r.ProcessId.ToLowerInvariant()));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, guard.Token);
        }
    }

    private sealed class FlakyStore : IIdCloudWebhookDeduplicationStore
    {
        private readonly InMemoryIdCloudWebhookDeduplicationStore _inner = new(TimeProvider.System, TimeSpan.FromDays(1), 100);

        public volatile bool Healthy;

        public ValueTask<IdCloudWebhookClaim> TryClaimAsync(IdCloudWebhookDeliveryKey key, TimeSpan lease, CancellationToken cancellationToken = default) =>
            Healthy ? _inner.TryClaimAsync(key, lease, cancellationToken) : throw new TimeoutException("store unreachable");

        public ValueTask MarkHandledAsync(IdCloudWebhookDeliveryKey key, CancellationToken cancellationToken = default) => _inner.MarkHandledAsync(key, cancellationToken);

        public ValueTask ReleaseAsync(IdCloudWebhookDeliveryKey key, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(key, cancellationToken);
    }

    private sealed class RecordingNotifier : IIdCloudCompletionNotifier
    {
        public ConcurrentQueue<IdCloudWebhookNotification> Received { get; } = new();

        public void NotifyFinished(IdCloudWebhookNotification notification) => Received.Enqueue(notification);
    }
}
