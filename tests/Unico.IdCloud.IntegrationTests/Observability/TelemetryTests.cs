using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Observability;

/// <summary>
/// What an operator sees with tracing and metrics on (source and meter <c>Unico.IdCloud</c>): one activity per
/// operation of a journey, with outcome and retries, and nothing secret or personal in any of it.
/// </summary>
public sealed class TelemetryTests : IClassFixture<EmulatorFixture>
{
    private const string SourceName = "Unico.IdCloud";

    private readonly EmulatorFixture _fixture;

    public TelemetryTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
    }

    [Fact]
    public async Task AJourneyIsTracedPerOperationWithoutPersonalDataOrSecrets()
    {
        var emulator = _fixture.Emulator;
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = ListenToActivities(stopped);
        var measurementTags = new ConcurrentQueue<string>();
        using var meters = ListenToOurMeter();
        meters.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags, measurementTags));
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags, measurementTags));
        meters.SetMeasurementEventCallback<int>((_, _, tags, _) => Record(tags, measurementTags));
        meters.Start();

        await using var app = IdCloudApp.Start(_fixture.Account, resilience: IdCloudApp.FastRetries);
        var cpf = People.Cpf(77);
        var request = ProcessRequests.For(Flow.IdUnicoSign, cpf);
        IdCloudProcess created;
        using (var journey = new Activity("user-journey").Start())
        {
            created = await app.Processes.CreateProcessAsync(request);
            await emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);
            var finished = await app.Processes.GetProcessAsync(created.Id!);
            emulator.InjectFault(EmulatorRoute.GetSelfie, EmulatedFault.Status(503));
            await app.Processes.GetSelfieAsync(created.Id!);
            await app.Processes.GetEvidenceSetAsync(created.Id!);
            var documentId = finished.Services![0].DocumentIds![0];
            await using (var signed = await app.Signatures.GetSignedDocumentAsync(documentId))
            {
                await FileAssert.ReadAllAsync(signed);
            }

            await using (var evidence = await app.Signatures.GetSignatureEvidenceAsync(documentId))
            {
                await FileAssert.ReadAllAsync(evidence);
            }

            await IdCloudAssert.ThrowsAsync<IdCloudApiException>(IdCloudErrorKind.NotFound, () => app.Processes.GetProcessAsync(Guid.NewGuid().ToString()));

            var ours = stopped.Where(a => a.TraceId == journey.TraceId).ToList();
            Assert.Equal(
                ["CreateProcess", "GetProcess", "GetSelfie", "GetEvidenceSet", "GetSignedDocument", "GetSignatureEvidence", "GetProcess"],
                ours.Select(a => a.OperationName));
            Assert.All(ours, a => Assert.Equal(journey.SpanId, a.ParentSpanId));
            Assert.All(ours, a => Assert.Equal(ActivityKind.Client, a.Kind));
            Assert.All(ours, a => Assert.Equal(a.OperationName, a.GetTagItem("idcloud.operation")));
            Assert.All(ours, a => Assert.Equal("127.0.0.1", a.GetTagItem("server.address")));

            var selfie = ours.Single(a => a.OperationName == "GetSelfie");
            Assert.Equal(1, selfie.GetTagItem("idcloud.retry_count")); // one activity for the call, however many attempts
            Assert.Equal(ActivityStatusCode.Ok, selfie.Status);

            var notFound = ours[^1];
            Assert.Equal(ActivityStatusCode.Error, notFound.Status);
            Assert.Equal(nameof(IdCloudErrorKind.NotFound), notFound.GetTagItem("error.type"));
            Assert.Equal(404, notFound.GetTagItem("http.response.status_code"));
            Assert.All(ours.SkipLast(1), a => Assert.Equal(200, a.GetTagItem("http.response.status_code")));
        }

        var accessToken = (await app.Services.GetRequiredService<IIdCloudTokenProvider>().GetTokenAsync()).Value;
        string[] secrets =
        [
            cpf,
            Cpf.Parse(cpf).ToFormattedString(),
            request.Person!.Email!,
            accessToken,
            accessToken.Split('.')[^1], // the signature part alone
            created.Token!,
        ];

        // Every activity of the source in this test run, ours or not: none may carry them.
        var everything = stopped.SelectMany(Describe).Concat(measurementTags).ToList();
        Assert.NotEmpty(everything);
        foreach (var secret in secrets)
        {
            Assert.False(string.IsNullOrEmpty(secret));
            Assert.DoesNotContain(everything, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WithTwoAccountsInOneAppEveryActivityAndMeasurementNamesItsAccount()
    {
        var emulator = _fixture.Emulator;
        var acmeAccount = emulator.CreateServiceAccount();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = ListenToActivities(stopped);
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var meters = ListenToOurMeter();
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, new Dictionary<string, object?>(tags.ToArray()))));
        meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, new Dictionary<string, object?>(tags.ToArray()))));
        meters.Start();

        var services = new ServiceCollection();
        services.AddIdCloud(options => _fixture.Account.ApplyTo(options));
        services.AddIdCloud("acme", options => acmeAccount.ApplyTo(options));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var factory = provider.GetRequiredService<IIdCloudClientFactory>();

        using var journey = new Activity("two-accounts").Start();
        var acme = factory.GetProcessClient("acme");
        await provider.GetRequiredService<IIdCloudProcessClient>().CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(78)));
        var theirs = await acme.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(79)));
        Assert.Equal(theirs.Id, (await acme.GetProcessAsync(theirs.Id)).Id);
        await IdCloudAssert.ThrowsAsync<IdCloudApiException>(IdCloudErrorKind.NotFound, () => acme.GetProcessAsync(Guid.NewGuid().ToString()));

        var ours = stopped.Where(a => a.TraceId == journey.TraceId).ToList();
        Assert.Equal(["default", "acme", "acme", "acme"], ours.Select(a => a.GetTagItem("idcloud.account")));

        // The duration of each operation and each token acquisition carry the account, with or without an error.
        var acmeDurations = measurements.Where(m => m.Instrument == "idcloud.client.request.duration" && Equals(m.Tags["idcloud.account"], "acme")).ToList();
        Assert.Equal(3, acmeDurations.Count);
        Assert.Single(acmeDurations, m => Equals(m.Tags.GetValueOrDefault("error.type"), nameof(IdCloudErrorKind.NotFound)));
        Assert.Contains(measurements, m => m.Instrument == "idcloud.client.request.duration" && Equals(m.Tags["idcloud.account"], "default") && Equals(m.Tags["idcloud.operation"], "CreateProcess"));
        Assert.Single(measurements, m => m.Instrument == "idcloud.client.token.refreshes" && Equals(m.Tags["idcloud.account"], "acme") && Equals(m.Tags["idcloud.token.outcome"], "success"));
        Assert.All(measurements.Where(m => m.Instrument.StartsWith("idcloud.client.", StringComparison.Ordinal)), m => Assert.True(m.Tags.ContainsKey("idcloud.account"), m.Instrument + " without idcloud.account"));
    }

    private static ActivityListener ListenToActivities(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>A listener of the SDK's meter; the caller sets its callbacks, then starts it.</summary>
    private static MeterListener ListenToOurMeter() => new()
    {
        InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SourceName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        },
    };

    private static IEnumerable<string> Describe(Activity activity)
    {
        yield return activity.OperationName;
        yield return activity.DisplayName;
        yield return activity.StatusDescription ?? string.Empty;
        foreach (var tag in activity.TagObjects)
        {
            yield return tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture);
        }

        foreach (var item in activity.Baggage)
        {
            yield return item.Key + "=" + item.Value;
        }

        foreach (var activityEvent in activity.Events)
        {
            yield return activityEvent.Name;
            foreach (var tag in activityEvent.Tags)
            {
                yield return tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture);
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
}
