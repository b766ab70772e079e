using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Unico.IdCloud.Cli.Tests.Infrastructure;

/// <summary>A real HTTP receiver on loopback that records every request and answers a chosen status.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly string _path;
    private readonly Task _loop;

    public WebhookReceiver(int status = 200)
    {
        Status = status;

        // HttpListener cannot take port 0, so a free port is found by binding port 0 and letting it go. Until the
        // listener binds it, anything else may take it (another receiver's probe in a test class running alongside, a
        // port another test released on purpose to find nothing listening there), so a failed start picks another.
        // And a released port can still be written to by whoever had it before (an emulator retrying a delivery to a
        // receiver that is gone, a CLI sent to a "port nobody listens on"): only requests to this receiver's own path,
        // unique to it, are recorded; anything else is answered 404 and ignored.
        _path = $"/webhooks/idcloud/{Guid.NewGuid():N}";
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
                continue;
            }

            _listener = listener;
            Url = $"http://127.0.0.1:{port}{_path}";
            break;
        }

        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public int Status { get; set; }

    /// <summary>A JSON body to answer with (none when null): lets the receiver play an OAuth2 token endpoint.</summary>
    public string? JsonBody { get; set; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public async Task<ReceivedWebhook> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(Received.Count >= count, $"expected {count} webhook(s), got {Received.Count}");
        return Received.ElementAt(count - 1);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            if (context.Request.Url!.AbsolutePath != _path)
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }

            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Received.Enqueue(new ReceivedWebhook(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body));
            context.Response.StatusCode = Status;
            if (JsonBody is { } json)
            {
                context.Response.ContentType = "application/json";
                var bytes = System.Text.Encoding.UTF8.GetBytes(json);
                await context.Response.OutputStream.WriteAsync(bytes);
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

public sealed record ReceivedWebhook(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
