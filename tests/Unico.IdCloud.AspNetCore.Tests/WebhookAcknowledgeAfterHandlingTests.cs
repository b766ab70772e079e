using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// Issue 11 item 3 / issue 14 item 2: a mode where nothing is acknowledged before it is handled. The handler's
/// success is what becomes the 2xx; failure, time-out or a stop mid-run is non-2xx, so IDCloud delivers again.
/// </summary>
public sealed class WebhookAcknowledgeAfterHandlingTests
{
    private const string ProcessId = "8263a268-5388-492a-bca2-28e1ff4a69f0";
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    [Fact]
    public async Task AfterHandling_AnswersOnlyOnceTheHandlerSucceeded()
    {
        await using var server = await StartAsync();
        server.Handler.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var posting = server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var answeredWhileRunning = posting.IsCompleted;
        server.Handler.Gate.SetResult();
        using var response = await posting;

        Assert.False(answeredWhileRunning);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(server.Handler.Successes);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6007);
    }

    [Fact]
    public async Task AfterHandling_FailingHandler_Answers503SoUnicoRedelivers_AndTheRedeliveryRunsIt()
    {
        await using var server = await StartAsync();
        server.Handler.FailFirst(1);

        using var failed = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        using var redelivered = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        using var duplicate = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal([1, 1], server.Handler.Runs.Select(r => r.Attempt));
        Assert.Single(server.Handler.Successes);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6014 && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task AfterHandling_HandlerExceedingHandlerTimeout_Answers503()
    {
        await using var server = await StartAsync(o => o.HandlerTimeout = TimeSpan.FromSeconds(20));
        server.Handler.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var posting = server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(20));
        server.Time.Advance(TimeSpan.FromSeconds(20));
        using var response = await posting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(server.Handler.Successes);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6014 && e.Exception is TimeoutException);
    }

    [Fact]
    public async Task AfterHandling_DuplicateWhileTheFirstRunIsInProgress_IsNotAcknowledged()
    {
        await using var server = await StartAsync();
        server.Handler.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await server.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var duplicate = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        server.Handler.Gate.SetResult();
        using var firstResponse = await first;

        // The first run could still have failed: a 200 for the duplicate would have acknowledged unhandled work.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Single(server.Handler.Runs);
    }

    [Fact]
    public async Task AfterHandling_StopWhileTheHandlerRuns_NeverAnswers2xx()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
                o.Acknowledgement = IdCloudWebhookAcknowledgement.AfterHandling;
            },
            registerHandler: false,
            services: s =>
            {
                s.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(1));
                s.AddIdCloudWebhookHandler(async (_, _) =>
                {
                    started.TrySetResult();
                    await release.Task; // ignores its token, like a stuck dependency
                });
            },
            manualClockForTheApplication: false);

        var posting = server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await server.App.StopAsync();
        release.SetResult();

        // Either the connection was cut or the answer is non-2xx: IDCloud keeps the notification and delivers again.
        HttpStatusCode? status = null;
        try
        {
            using var response = await posting.WaitAsync(TimeSpan.FromSeconds(10));
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
        }

        Assert.True(status is null || (int)status >= 300, $"answered {status}");
    }

    private static Task<WebhookTestServer> StartAsync(Action<IdCloudWebhookOptions>? more = null) =>
        WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.ApiKey;
            o.ApiKey = "X-API-Key:k";
            o.Acknowledgement = IdCloudWebhookAcknowledgement.AfterHandling;
            more?.Invoke(o);
        });
}
