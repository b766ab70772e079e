using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Completion;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>The notification has no verdict: with FetchProcess on, the handler gets the process read with GetProcess.</summary>
public sealed class WebhookFetchProcessTests
{
    private const string ProcessId = "8263a268-5388-492a-bca2-28e1ff4a69f0";
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    [Fact]
    public async Task The_handler_receives_the_process_read_after_the_notification()
    {
        var client = new FakeProcessClient();
        client.Returns(FakeProcessClient.Finished(ProcessId));
        await using var server = await StartAsync(client);

        using var response = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        var run = await server.Handler.NextRunAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([ProcessId], client.GetProcessCalls);
        Assert.NotNull(run.Process);
        Assert.Equal(ProcessState.Finished, run.Process.State);
        Assert.Equal(IdCloudProcessOutcome.Approved, run.Process.Interpret().Outcome);
    }

    [Fact]
    public async Task A_failed_read_counts_as_a_failed_run_and_is_retried()
    {
        var client = new FakeProcessClient();
        client.Throws(new IdCloudException("HTTP 503") { Kind = IdCloudErrorKind.ServiceUnavailable, StatusCode = HttpStatusCode.ServiceUnavailable });
        client.Returns(FakeProcessClient.Finished(ProcessId));
        await using var server = await StartAsync(client, o => { o.HandlerRetryDelay = TimeSpan.FromSeconds(5); o.HandlerTimeout = TimeSpan.FromHours(1); });

        using var response = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await client.NextCallAsync();
        await server.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(server.Handler.Runs);
        server.Time.Advance(TimeSpan.FromSeconds(5));
        var run = await server.Handler.NextRunAsync();

        Assert.Equal(2, run.Attempt);
        Assert.Equal(ProcessState.Finished, run.Process?.State);
        Assert.Equal(2, client.GetProcessCalls.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, IdCloudErrorKind.NotFound)]
    [InlineData(HttpStatusCode.BadRequest, IdCloudErrorKind.InvalidArgument)]
    public async Task FetchAnswering404Or400_IsNotRetried(HttpStatusCode status, IdCloudErrorKind kind)
    {
        // Before: 6 reads over 155 s, each spending the tenant's 10 req/s, for an id no retry can fix.
        var client = new FakeProcessClient();
        client.Throws(new IdCloudException($"HTTP {(int)status}") { Kind = kind, StatusCode = status });
        await using var server = await StartAsync(client, o => { o.HandlerRetryDelay = TimeSpan.FromSeconds(5); o.HandlerTimeout = TimeSpan.FromHours(1); o.MaxConcurrentHandlers = 1; });

        using var response = await server.PostAsync(WebhookTestServer.Notification(ProcessId), Credentials);
        await client.NextCallAsync();
        await WaitUntilAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6013));
        server.Time.Advance(TimeSpan.FromHours(1)); // past every retry the schedule would have made

        const string sentinel = "99999999-9999-9999-9999-999999999999";
        using var next = await server.PostAsync(WebhookTestServer.Notification(sentinel), Credentials);
        await server.Handler.NextRunAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([ProcessId, sentinel], client.GetProcessCalls);
        Assert.DoesNotContain(server.Logs.Entries, e => e.EventId.Id == 6008);
        var unreadable = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 6013);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), unreadable.Message, StringComparison.Ordinal);
        Assert.Equal([sentinel], server.Handler.Runs.Select(r => r.ProcessId));
    }

    [Fact]
    public async Task FetchOfABracedOrUpperCaseGuid_ReadsTheCanonicalId()
    {
        var client = new FakeProcessClient();
        client.Returns(FakeProcessClient.Finished(ProcessId));
        await using var server = await StartAsync(client);

        using var response = await server.PostAsync(WebhookTestServer.Notification("{" + ProcessId.ToUpperInvariant() + "}"), Credentials);
        await server.Handler.NextRunAsync();

        Assert.Equal([ProcessId], client.GetProcessCalls);
    }

    [Fact]
    public void FetchProcess_without_a_process_client_fails_at_start_up_with_what_to_do()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIdCloudWebhook(o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "k"; });
        builder.Services.AddIdCloudWebhookHandler((_, _) => Task.CompletedTask);
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapIdCloudWebhook("/hook"));

        Assert.Contains("FetchProcess", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddIdCloud", error.Message, StringComparison.Ordinal);
    }

    private static Task<WebhookTestServer> StartAsync(FakeProcessClient client, Action<IdCloudWebhookOptions>? more = null) =>
        WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
                o.FetchProcess = true;
                more?.Invoke(o);
            },
            services: s => s.AddSingleton<IIdCloudProcessClient>(client));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, guard.Token);
        }
    }
}
