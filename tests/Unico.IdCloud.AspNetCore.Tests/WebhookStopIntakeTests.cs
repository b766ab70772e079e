using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// docs/completion.md, "Shutdown" step 1, checked the way an outside tester would: real Kestrel, a real stop, real
/// sockets. ASP.NET Core stops the server before the other hosted services, so a notification sent once the stop has
/// begun finds no listener (Unico counts that as a failed delivery and retries); a request already inside the server
/// when the receiver starts draining is answered 503 + <c>Retry-After: 30</c>. Either way it is never acknowledged
/// and never handled here.
/// </summary>
public sealed class WebhookStopIntakeTests
{
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    [Fact]
    public async Task A_notification_sent_after_the_stop_began_is_never_acknowledged_nor_handled()
    {
        var gate = new HandlerGate();
        await using var server = await StartAsync(gate, stopConcurrently: false);
        await PostFirstAndWaitForItsHandlerAsync(server, gate);

        var stopping = server.App.StopAsync();
        await WaitForAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6017));

        HttpStatusCode? status = null;
        try
        {
            using var late = await server.PostAsync(WebhookTestServer.Notification(LateId), Credentials);
            status = late.StatusCode;
        }
        catch (HttpRequestException)
        {
            // No listener any more: what Unico sees as an unreachable endpoint, and delivers again later.
        }

        gate.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(status is null or HttpStatusCode.ServiceUnavailable, $"answered {status} while stopping");
        Assert.DoesNotContain(LateId, gate.Handled);
    }

    [Fact]
    public async Task A_request_inside_the_server_when_the_drain_starts_is_answered_503_with_retry_after_30()
    {
        var gate = new HandlerGate();
        // Services stopping concurrently let the receiver's drain start while Kestrel still finishes this request.
        await using var server = await StartAsync(gate, stopConcurrently: true);
        await PostFirstAndWaitForItsHandlerAsync(server, gate);

        var body = Encoding.UTF8.GetBytes(WebhookTestServer.Notification(LateId));
        var requestsStarted = RequestsStarted(server);
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.Client.BaseAddress!.Host, server.Client.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST {WebhookTestServer.Path} HTTP/1.1\r\nHost: {server.Client.BaseAddress.Authority}\r\nX-API-Key: k\r\n" +
                   $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, 10));
        await stream.FlushAsync();
        // Kestrel closes a connection whose request it has not begun at once when it stops; this test is about a
        // request already inside the server, so the stop waits until the hosting layer has started it.
        await WaitForAsync(() => RequestsStarted(server) > requestsStarted);

        var stopping = server.App.StopAsync();
        await WaitForAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6017));
        await stream.WriteAsync(body.AsMemory(10));
        await stream.FlushAsync();
        var answer = await ReadHeadAsync(stream);

        gate.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 503", answer, StringComparison.Ordinal);
        Assert.Contains("Retry-After: 30\r\n", answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(LateId, gate.Handled);
    }

    private const string LateId = "5e7a0000-0000-4000-8000-00000000a002";

    private static Task<WebhookTestServer> StartAsync(HandlerGate gate, bool stopConcurrently) =>
        WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
            },
            registerHandler: false,
            services: s =>
            {
                s.Configure<HostOptions>(h =>
                {
                    h.ShutdownTimeout = TimeSpan.FromSeconds(20);
                    h.ServicesStopConcurrently = stopConcurrently;
                });
                s.AddIdCloudWebhookHandler(gate.HandleAsync);
            },
            manualClockForTheApplication: false);

    /// <summary>One accepted notification whose handler holds the drain open until the test is done.</summary>
    private static async Task PostFirstAndWaitForItsHandlerAsync(WebhookTestServer server, HandlerGate gate)
    {
        using var first = await server.PostAsync(WebhookTestServer.Notification("5e7a0000-0000-4000-8000-00000000a001"), Credentials);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await gate.Started.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    /// <summary>ASP.NET Core's "Request starting" log events (Microsoft.AspNetCore.Hosting.Diagnostics, event 1) so far.</summary>
    private static int RequestsStarted(WebhookTestServer server) =>
        server.Logs.Entries.Count(e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.EventId.Id == 1);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, guard.Token);
        }
    }

    /// <summary>A handler that records what it handled and blocks (ignoring its token) until released.</summary>
    private sealed class HandlerGate
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public System.Collections.Concurrent.ConcurrentQueue<string> Handled { get; } = new();

        public Task Started => _started.Task;

        public async Task HandleAsync(IdCloudWebhookContext context, CancellationToken cancellationToken)
        {
            Handled.Enqueue(context.ProcessId);
            _started.TrySetResult();
            await _release.Task;
        }

        public void Release() => _release.TrySetResult();
    }
}
