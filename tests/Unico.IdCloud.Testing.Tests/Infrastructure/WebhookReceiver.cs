using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>A loopback HTTP endpoint that records what the emulator's webhooks send and answers scripted statuses.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<Received> Calls { get; } = new();

    public sealed record Received(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        ListenOptions? listen = null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => listen = l));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync();
        receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{listen!.IPEndPoint!.Port}/webhooks/unico"));
        return receiver;
    }

    /// <summary>The next calls answer these statuses, in order; afterwards 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Calls.Enqueue(new Received(context.Request.Method, context.Request.Path.Value ?? string.Empty, headers, body));
        context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
    }
}
