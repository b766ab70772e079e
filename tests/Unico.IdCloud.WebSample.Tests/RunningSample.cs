using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Testing;
using Unico.IdCloud.WebSample.Hosting;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>
/// The real sample on Kestrel, with its embedded emulator, on free loopback ports: http (the emulator's webhooks) and,
/// unless asked otherwise, https with a throw-away certificate (the journey's callback, as with <c>dotnet run</c>).
/// </summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private readonly bool _ownsCertificate;

    private RunningSample(WebSampleApp app, TestCertificate? certificate, bool ownsCertificate, RecordedLog log)
    {
        App = app;
        Certificate = certificate;
        _ownsCertificate = ownsCertificate;
        Log = log;
    }

    /// <summary>The sample's warnings and errors (the console logger is off in tests).</summary>
    public RecordedLog Log { get; }

    public WebSampleApp App { get; }

    /// <summary>The https listener's certificate, or null when the sample listens on http only.</summary>
    public TestCertificate? Certificate { get; }

    public IdCloudEmulator Emulator => App.Emulator ?? throw new InvalidOperationException("The sample did not start its emulator.");

    public Uri BaseAddress => App.BaseAddress ?? throw new InvalidOperationException("Not started.");

    /// <summary>Where the journey sends the person back (the sample's https address), or null when callbacks are "/".</summary>
    public Uri? CallbackBaseAddress => App.App.Services.GetRequiredService<CallbackAddress>().BaseAddress;

    /// <param name="settings">Extra configuration, as a user would put in appsettings or on the command line.</param>
    /// <param name="https">Also listen on https (the journey's callback address); false leaves the callback at "/".</param>
    /// <param name="sharedCertificate">The https certificate to use (a browser already trusts it); a new one when null.</param>
    public static async Task<RunningSample> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool https = true, TestCertificate? sharedCertificate = null)
    {
        var certificate = https ? sharedCertificate ?? TestCertificate.Create() : null;
        var ownsCertificate = sharedCertificate is null;
        var log = new RecordedLog();
        WebSampleApp? app = null;
        try
        {
            app = await WebSampleApp.CreateAsync([], builder =>
            {
                builder.WebHost.UseUrls(https ? "http://127.0.0.1:0;https://127.0.0.1:0" : "http://127.0.0.1:0");
                if (certificate is not null)
                {
                    builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(tls => tls.ServerCertificate = certificate.Certificate));
                }

                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(log);
                // Whatever the machine's environment says, these tests run offline.
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["WebSample:UseEmulator"] = "true" });
                if (settings is not null)
                {
                    builder.Configuration.AddInMemoryCollection(settings);
                }
            });

            await app.StartAsync();
            return new RunningSample(app, certificate, ownsCertificate, log);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (ownsCertificate)
            {
                certificate?.Dispose();
            }

            throw;
        }
    }

    public SampleBrowser NewBrowser() => new(BaseAddress, Certificate);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_ownsCertificate)
        {
            Certificate?.Dispose();
        }
    }
}
