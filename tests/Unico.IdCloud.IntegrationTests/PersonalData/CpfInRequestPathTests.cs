using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.PersonalData;

/// <summary>
/// The Data Verification endpoint carries the CPF in its path (<c>POST /lists/{cpf}</c>). An application that turns on
/// everything an operator would (every log category at Trace, every activity source, every meter: what OpenTelemetry's
/// HttpClient instrumentation subscribes to as well as the SDK's own) must find the CPF in none of it, on success and on
/// the failure paths.
/// </summary>
public sealed class CpfInRequestPathTests : IClassFixture<EmulatorFixture>
{
    private const string Cpf = "52998224725";
    private readonly EmulatorFixture _fixture;

    public CpfInRequestPathTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
    }

    [Fact]
    public async Task No_log_activity_or_metric_of_the_process_carries_the_CPF_of_a_Data_Verification()
    {
        var written = new ConcurrentQueue<string>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Describe(activity, written),
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener { InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument) };
        meters.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags, written));
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags, written));
        meters.SetMeasurementEventCallback<int>((_, _, tags, _) => Record(tags, written));
        meters.Start();

        var key = _fixture.Emulator.ByClient.CreateApiKey();
        await using var app = IdCloudApp.Start(
            _fixture.Account,
            options => _fixture.Emulator.ByClient.ApplyTo(options, ("onboarding", key)),
            IdCloudApp.FastRetries,
            services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new RecordingLoggerProvider(written))));
        var client = app.Services.GetRequiredService<IIdCloudClientFactory>().GetByClient("onboarding");

        var data = await client.VerifyDataAsync(Cpf);
        _fixture.Emulator.ByClient.InjectFault(ByClientRoute.VerifyData, EmulatedFault.Status(503));
        var unavailable = await Assert.ThrowsAnyAsync<IdCloudException>(() => client.VerifyDataAsync(Cpf));
        _fixture.Emulator.ByClient.InjectFault(ByClientRoute.VerifyData, EmulatedFault.Abort());
        var broken = await Assert.ThrowsAnyAsync<IdCloudException>(() => client.VerifyDataAsync(Cpf));

        Assert.Equal(ByClientProcessStatus.Finished, data.Status);
        written.Enqueue(data.ToString());
        written.Enqueue(unavailable.ToString());
        written.Enqueue(broken.ToString());

        // The capture must have seen the calls at all, or the test could not fail.
        Assert.Contains(written, text => text.Contains("ByClientVerifyData", StringComparison.Ordinal));
        Assert.Contains(written, text => text.Contains("/lists/", StringComparison.Ordinal));
        // Compared with an empty list so a failure names every line that leaked, not only the first.
        Assert.Equal([], written.Where(text => text.Contains(Cpf, StringComparison.Ordinal)).ToArray());
    }

    private static void Describe(Activity activity, ConcurrentQueue<string> into)
    {
        into.Enqueue(activity.Source.Name + " " + activity.OperationName + " " + activity.DisplayName + " " + activity.StatusDescription);
        foreach (var tag in activity.TagObjects)
        {
            into.Enqueue(activity.Source.Name + " " + tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
        }

        foreach (var activityEvent in activity.Events)
        {
            into.Enqueue(activityEvent.Name);
            foreach (var tag in activityEvent.Tags)
            {
                into.Enqueue(tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
            }
        }
    }

    private static void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags, ConcurrentQueue<string> into)
    {
        foreach (var tag in tags)
        {
            into.Enqueue(tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Keeps every formatted message, its state's values and its exception, whatever the category.</summary>
    private sealed class RecordingLoggerProvider(ConcurrentQueue<string> into) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, into);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> into) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                into.Enqueue(category + ": " + formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (name, value) in values)
                    {
                        into.Enqueue(category + ": " + name + "=" + Convert.ToString(value, CultureInfo.InvariantCulture));
                    }
                }

                if (exception is not null)
                {
                    into.Enqueue(category + ": " + exception);
                }
            }
        }
    }
}
