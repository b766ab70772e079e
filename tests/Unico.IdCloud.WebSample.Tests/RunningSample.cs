using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Testing;
using Unico.IdCloud.WebSample.Hosting;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>The real sample on Kestrel, on a free loopback port, with its embedded emulator.</summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private RunningSample(WebSampleApp app) => App = app;

    public WebSampleApp App { get; }

    public IdCloudEmulator Emulator => App.Emulator ?? throw new InvalidOperationException("The sample did not start its emulator.");

    public Uri BaseAddress => App.BaseAddress ?? throw new InvalidOperationException("Not started.");

    /// <param name="settings">Extra configuration, as a user would put in appsettings or on the command line.</param>
    public static async Task<RunningSample> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = await WebSampleApp.CreateAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            // Whatever the machine's environment says, these tests run offline.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["WebSample:UseEmulator"] = "true" });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }
        });

        try
        {
            await app.StartAsync();
            return new RunningSample(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public SampleBrowser NewBrowser() => new(BaseAddress);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
