using System.Diagnostics;
using System.Diagnostics.Metrics;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Diagnostics;

/// <summary>
/// The SDK's traces and metrics. Subscribe with OpenTelemetry by name:
/// <c>tracing.AddSource("Unico.IdCloud")</c> and <c>metrics.AddMeter("Unico.IdCloud")</c> (the names are documented in docs/errors.md, "Telemetry names", and stay stable; this type is internal).
/// </summary>
/// <remarks>
/// <para>Traces: one <see cref="Activity"/> per API operation (around all retries), named after the operation
/// (<c>CreateProcess</c>, <c>GetProcess</c>...), with tags <c>idcloud.operation</c>, <c>http.request.method</c>,
/// <c>idcloud.account</c>, <c>server.address</c>, <c>http.response.status_code</c>, <c>idcloud.retry_count</c> and, on failure,
/// <c>error.type</c> (the <see cref="IdCloudErrorKind"/>) with status <see cref="ActivityStatusCode.Error"/>. The
/// per-attempt HTTP activities of <c>System.Net.Http</c> appear as its children, except for the by Client API: its Data
/// Verification carries the CPF in the path, which <c>System.Net.Http</c> would tag as <c>url.full</c>, so its client
/// starts none.</para>
/// <para>Metrics: <c>idcloud.client.request.duration</c> (histogram, seconds; tags <c>idcloud.operation</c>,
/// <c>http.response.status_code</c>, <c>error.type</c>), <c>idcloud.client.retries</c> (counter; tags
/// <c>idcloud.operation</c>, <c>idcloud.retry.reason</c>) and <c>idcloud.client.token.refreshes</c> (counter; tag
/// <c>idcloud.token.outcome</c> = <c>success</c> | <c>failure</c>, plus <c>error.type</c> on failure). Every
/// measurement also carries <c>idcloud.account</c>: the name given to <c>AddIdCloud("name", ...)</c>, or
/// <c>default</c> for the default account, so an application with several service accounts sees which one fails.</para>
/// <para>No tag ever holds a body, a header value, a token, a query string or personal data.</para>
/// </remarks>
internal sealed class IdCloudTelemetry : IDisposable
{
    /// <summary>The name of the SDK's <see cref="ActivitySource"/>: <c>Unico.IdCloud</c>.</summary>
    public const string ActivitySourceName = "Unico.IdCloud";

    /// <summary>The name of the SDK's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>Unico.IdCloud</c>.</summary>
    public const string MeterName = "Unico.IdCloud";

    /// <summary>Histogram of the duration of one API operation including retries, in seconds.</summary>
    public const string RequestDurationInstrumentName = "idcloud.client.request.duration";

    /// <summary>Counter of retries made by the resilience pipeline.</summary>
    public const string RetriesInstrumentName = "idcloud.client.retries";

    /// <summary>Counter of access-token acquisitions (successful or not).</summary>
    public const string TokenRefreshesInstrumentName = "idcloud.client.token.refreshes";

    internal const string OperationTag = "idcloud.operation";
    internal const string StatusCodeTag = "http.response.status_code";
    internal const string ErrorTypeTag = "error.type";
    internal const string RetryCountTag = "idcloud.retry_count";
    internal const string RetryReasonTag = "idcloud.retry.reason";
    internal const string MethodTag = "http.request.method";
    internal const string ServerAddressTag = "server.address";
    internal const string TokenOutcomeTag = "idcloud.token.outcome";
    internal const string AccountTag = "idcloud.account";

    /// <summary>The <c>idcloud.account</c> value of the default account (named accounts use their name).</summary>
    internal const string DefaultAccount = "default";

    private readonly bool _ownsMeter;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _tokenRefreshes;

    /// <summary>Creates the SDK's telemetry. Registered as a singleton by <c>AddIdCloud()</c>.</summary>
    /// <param name="meterFactory">The host's meter factory, when metrics are set up through DI; otherwise a meter is created and owned here.</param>
    public IdCloudTelemetry(IMeterFactory? meterFactory = null)
    {
        var version = typeof(IdCloudTelemetry).Assembly.GetName().Version?.ToString();
        ActivitySource = new ActivitySource(ActivitySourceName, version);
        if (meterFactory is not null)
        {
            Meter = meterFactory.Create(new MeterOptions(MeterName) { Version = version });
        }
        else
        {
            Meter = new Meter(MeterName, version);
            _ownsMeter = true;
        }

        _requestDuration = Meter.CreateHistogram<double>(
            RequestDurationInstrumentName,
            unit: "s",
            description: "Duration of IDCloud API operations, including retries.");
        _retries = Meter.CreateCounter<long>(
            RetriesInstrumentName,
            unit: "{retry}",
            description: "Retries made by the IDCloud resilience pipeline.");
        _tokenRefreshes = Meter.CreateCounter<long>(
            TokenRefreshesInstrumentName,
            unit: "{token}",
            description: "IDCloud access-token acquisitions.");
    }

    internal ActivitySource ActivitySource { get; }

    internal Meter Meter { get; }

    /// <summary>
    /// Records one access-token acquisition. Called by the token provider after each token request, successful
    /// or not.
    /// </summary>
    /// <param name="succeeded">Whether a token was obtained.</param>
    /// <param name="errorKind">On failure, what kind of failure it was.</param>
    /// <param name="account">The account's <c>idcloud.account</c> value.</param>
    public void RecordTokenRefresh(bool succeeded, IdCloudErrorKind? errorKind = null, string account = DefaultAccount)
    {
        if (succeeded)
        {
            _tokenRefreshes.Add(
                1,
                new KeyValuePair<string, object?>(TokenOutcomeTag, "success"),
                new KeyValuePair<string, object?>(AccountTag, account));
        }
        else
        {
            _tokenRefreshes.Add(
                1,
                new KeyValuePair<string, object?>(TokenOutcomeTag, "failure"),
                new KeyValuePair<string, object?>(ErrorTypeTag, (errorKind ?? IdCloudErrorKind.Unknown).ToString()),
                new KeyValuePair<string, object?>(AccountTag, account));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ActivitySource.Dispose();
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    /// <summary>Starts the activity of one operation, or returns <see langword="null"/> when nobody listens.</summary>
    internal Activity? StartOperation(IdCloudOperation operation, HttpRequestMessage request, string account)
    {
        var activity = ActivitySource.StartActivity(operation.Name, ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(OperationTag, operation.Name);
        activity.SetTag(AccountTag, account);
        activity.SetTag(MethodTag, request.Method.Method);
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            activity.SetTag(ServerAddressTag, uri.Host);
        }

        return activity;
    }

    /// <summary>Records the outcome of one operation on its activity and in the duration histogram.</summary>
    internal void RecordOperation(Activity? activity, IdCloudOperation operation, string account, TimeSpan duration, int? statusCode, string? errorType, int retryCount)
    {
        if (activity is not null)
        {
            if (statusCode is not null)
            {
                activity.SetTag(StatusCodeTag, statusCode.Value);
            }

            activity.SetTag(RetryCountTag, retryCount);
            if (errorType is not null)
            {
                activity.SetTag(ErrorTypeTag, errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorType);
            }
            else
            {
                activity.SetStatus(ActivityStatusCode.Ok);
            }
        }

        if (!_requestDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { OperationTag, operation.Name }, { AccountTag, account } };
        if (statusCode is not null)
        {
            tags.Add(StatusCodeTag, statusCode.Value);
        }

        if (errorType is not null)
        {
            tags.Add(ErrorTypeTag, errorType);
        }

        _requestDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Counts one retry of <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation retried.</param>
    /// <param name="reason">Why: an HTTP status code (<c>503</c>), <c>timeout</c> or <c>transport</c>.</param>
    /// <param name="account">The account's <c>idcloud.account</c> value.</param>
    internal void RecordRetry(IdCloudOperation operation, string reason, string account) =>
        _retries.Add(
            1,
            new KeyValuePair<string, object?>(OperationTag, operation.Name),
            new KeyValuePair<string, object?>(RetryReasonTag, reason),
            new KeyValuePair<string, object?>(AccountTag, account));
}
