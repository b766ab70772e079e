using Unico.IdCloud.TestSupport;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client.Tests.Completion;

namespace Unico.IdCloud.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a random port, hosting the webhook at <see cref="Path"/>, and a real
/// <see cref="HttpClient"/> pointed at it.
/// </summary>
public sealed class WebhookTestServer : IAsyncDisposable
{
    public const string Path = "/webhooks/idcloud";

    private WebhookTestServer(WebApplication app, Uri address, RecordingHandler handler, ListLoggerProvider logs, ObservedTimeProvider time)
    {
        App = app;
        Handler = handler;
        Logs = logs;
        Time = time;
        Client = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public RecordingHandler Handler { get; }

    public ListLoggerProvider Logs { get; }

    public ObservedTimeProvider Time { get; }

    /// <summary>Starts the server; <see cref="Time"/> is the application's clock unless <paramref name="manualClockForTheApplication"/> is false.</summary>
    public static async Task<WebhookTestServer> StartAsync(
        Action<IdCloudWebhookOptions> configure,
        bool registerHandler = true,
        Action<IServiceCollection>? services = null,
        string environment = "Development",
        bool manualClockForTheApplication = true)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var logs = new ListLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        // The clock stands still unless a test advances it; it starts at the real time so that the SDK's assertions
        // (iat/exp from this clock) are valid for the emulator, which checks them against the real clock.
        var time = new ObservedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var handler = new RecordingHandler();
        if (manualClockForTheApplication)
        {
            builder.Services.AddSingleton<TimeProvider>(time);
        }

        services?.Invoke(builder.Services);
        builder.Services.AddIdCloudWebhook(options =>
        {
            options.FetchProcess = false;
            configure(options);
        });
        if (registerHandler)
        {
            builder.Services.AddIdCloudWebhookHandler(handler.HandleAsync);
        }

        var app = builder.Build();
        app.MapIdCloudWebhook(Path);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new WebhookTestServer(app, new Uri(address), handler, logs, time);
    }

    public static string Notification(string processId, string state = "PROCESS_STATE_FINISHED", string flow = "id") =>
        $$"""{"processId":"{{processId}}","state":"{{state}}","flow":"{{flow}}"}""";

    /// <summary>POSTs <paramref name="json"/> to the webhook with the given headers.</summary>
    public Task<HttpResponseMessage> PostAsync(string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request);
    }

    public static (string, string) Basic(string userAndPassword) =>
        ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword)));

    public static (string, string) Bearer(string token) => ("Authorization", new AuthenticationHeaderValue("Bearer", token).ToString());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
