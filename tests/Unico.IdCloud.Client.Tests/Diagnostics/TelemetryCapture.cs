using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client.Tests.Diagnostics;

/// <summary>One metric measurement with its tags.</summary>
internal sealed record CapturedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

/// <summary>
/// Listens to one <see cref="IdCloudTelemetry"/> instance only (tests run in parallel and every instance uses the
/// same source and meter names), collecting finished activities and measurements.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<CapturedMeasurement> _measurements = new();

    public TelemetryCapture(IdCloudTelemetry telemetry)
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, telemetry.ActivitySource),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _activities.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_activityListener);

        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, telemetry.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    public IReadOnlyList<Activity> Activities => _activities.ToArray();

    public IReadOnlyList<CapturedMeasurement> Measurements => _measurements.ToArray();

    /// <summary>Every tag name and value of every activity and measurement, as text, for leak checks.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        foreach (var activity in Activities)
        {
            parts.Add(activity.DisplayName);
            parts.Add(activity.OperationName);
            parts.Add(activity.StatusDescription ?? string.Empty);
            parts.AddRange(activity.TagObjects.Select(t => t.Key + "=" + t.Value));
            parts.AddRange(activity.Events.Select(e => e.Name));
        }

        foreach (var measurement in Measurements)
        {
            parts.Add(measurement.Instrument);
            parts.AddRange(measurement.Tags.Select(t => t.Key + "=" + t.Value));
        }

        return string.Join(" | ", parts);
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new CapturedMeasurement(instrument.Name, value, copy));
    }
}
