using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Unico.IdCloud.Client;
using Unico.IdCloud.Testing;
using Unico.IdCloud.WebSample.Artifacts;
using Unico.IdCloud.WebSample.Verifications;
using Unico.IdCloud.WebSample.Webhooks;

namespace Unico.IdCloud.WebSample.Hosting;

/// <summary>
/// The web sample: builds the application (and, without an IDCloud service account, the in-process emulator that
/// plays IDCloud), starts it, and points the emulator's webhook at it. Public so a test can run the real thing on a
/// free port.
/// </summary>
public sealed class WebSampleApp : IAsyncDisposable
{
    private readonly WebhookSettings _webhook;

    private WebSampleApp(WebApplication app, IdCloudEmulator? emulator, WebhookSettings webhook)
    {
        App = app;
        Emulator = emulator;
        _webhook = webhook;
    }

    /// <summary>The ASP.NET Core application.</summary>
    public WebApplication App { get; }

    /// <summary>The emulator playing IDCloud, or null when the application talks to IDCloud.</summary>
    public IdCloudEmulator? Emulator { get; }

    /// <summary>This application's address (http, loopback when bound to all interfaces), known once started.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>
    /// Builds the application. Without <c>IdCloud:ServiceAccount:AccountName</c> the emulator is started first and the
    /// SDK pointed at it; otherwise the SDK is configured from the <c>IdCloud</c> section (UAT by default).
    /// </summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--IdCloud:...</c>).</param>
    /// <param name="configure">Last changes to the builder before it is built (a test sets the URL or settings here).</param>
    /// <param name="cancellationToken">Cancels the emulator's start.</param>
    /// <returns>The application, not started.</returns>
    public static async Task<WebSampleApp> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        var settings = SampleSettings.From(builder.Configuration);
        var webhook = WebhookSettings.From(builder.Configuration, settings.UseEmulator);
        var emulator = settings.UseEmulator ? await IdCloudEmulator.StartAsync(cancellationToken: cancellationToken) : null;
        try
        {
            if (emulator is not null)
            {
                var account = emulator.CreateServiceAccount("websample");
                builder.Services.AddIdCloud(account.ApplyTo);
                builder.Services.AddSingleton(emulator); // an instance: the container does not dispose it, this class does
            }
            else
            {
                builder.Services.AddIdCloud(builder.Configuration.GetSection(IdCloudOptions.DefaultSectionName));
            }

            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton<CallbackAddress>();
            builder.Services.AddSingleton<VerificationStore>();
            builder.Services.AddSingleton<VerificationStarter>();
            builder.Services.AddAntiforgery();
            builder.Services.AddIdCloudWebhook(webhook.ApplyTo);
            builder.Services.AddIdCloudWebhookHandler<ProcessFinishedHandler>();

            var app = builder.Build();
            app.Use(SecurityHeaders);
            app.UseAntiforgery();
            app.MapIdCloudWebhook(SampleSettings.WebhookPath);
            app.MapVerifications(onEmulator: emulator is not null);
            app.MapArtifacts();
            return new WebSampleApp(app, emulator, webhook);
        }
        catch
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Starts listening; on the emulator, sends its webhooks to this application with the configured credential and
    /// points the journey's callbacks at this application's https address (when it has one).
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the application listens.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await App.StartAsync(cancellationToken);
        var addresses = App.Urls.Select(ParseAddress).ToList();

        // The emulator's webhook sender would not trust a development certificate: it posts over http when it can.
        BaseAddress = LocalAddress(addresses.OrderBy(u => u.Scheme == Uri.UriSchemeHttp ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidOperationException("The application is not listening on any address."));
        var https = addresses.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps) is { } secure ? LocalAddress(secure) : null;
        var callbacks = App.Services.GetRequiredService<CallbackAddress>();
        if (Emulator is not null)
        {
            Emulator.ConfigureWebhook(new Uri(BaseAddress, SampleSettings.WebhookPath), _webhook.ForEmulator());
            if (https is not null)
            {
                callbacks.UseLocalAddress(https);
            }
        }

        var mode = Emulator is null ? "against IDCloud" : "on the embedded IDCloud emulator (offline)";
        Console.WriteLine($"IDCloud web sample {mode}: open {https ?? BaseAddress} (Ctrl+C to stop)");
        if (callbacks.BaseAddress is null)
        {
            Console.WriteLine("No https callback address: the journey ends without a redirect; come back through the home page (see README.md).");
        }
    }

    /// <summary>Starts and runs until the application is asked to stop (Ctrl+C).</summary>
    /// <param name="cancellationToken">Stops the application.</param>
    /// <returns>A task that completes when the application has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken);
        await App.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Stops the application, then the emulator.</summary>
    /// <returns>A task that completes when both have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    private static Uri ParseAddress(string url) =>
        new(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));

    /// <summary>A bound address as a browser or the emulator on this machine reaches it.</summary>
    private static Uri LocalAddress(Uri address)
    {
        var host = address.Host;
        if (host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))))
        {
            // Over https the name must match the development certificate (issued to "localhost"); over http the
            // emulator reaches the application on IPv4 loopback.
            host = address.Scheme == Uri.UriSchemeHttps ? "localhost" : IPAddress.Loopback.ToString();
        }

        return new UriBuilder(address.Scheme, host, address.Port).Uri;
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Pages and files carry personal data (masked CPF, verdicts, selfies): never kept by shared caches or the browser.
        headers.CacheControl = "no-store";
        // The reference in the URLs is the only key to a verification: never sent to other sites.
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";
        return next();
    }
}
