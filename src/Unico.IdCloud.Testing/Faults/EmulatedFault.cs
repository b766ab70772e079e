using System.Globalization;

namespace Unico.IdCloud.Testing;

/// <summary>
/// A failure to inject into the next matching request(s) with <see cref="IdCloudEmulator.InjectFault"/>.
/// Create one with the static factory methods.
/// </summary>
public sealed class EmulatedFault
{
    private EmulatedFault(EmulatedFaultKind kind)
    {
        Kind = kind;
    }

    /// <summary>What the fault does.</summary>
    public EmulatedFaultKind Kind { get; }

    /// <summary>The status answered, for the kinds that answer one.</summary>
    public int? StatusCode { get; private init; }

    /// <summary>The body answered with <see cref="StatusCode"/>, if any.</summary>
    public string? Body { get; private init; }

    /// <summary>The content type of <see cref="Body"/>.</summary>
    public string? ContentType { get; private init; }

    /// <summary>The wait of a <see cref="EmulatedFaultKind.Delay"/> fault.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>The <c>Retry-After</c> of a <see cref="EmulatedFaultKind.RateLimited"/> fault.</summary>
    public TimeSpan RetryAfter { get; private init; }

    /// <summary>Answers <paramref name="statusCode"/> without processing the request.</summary>
    /// <param name="statusCode">The HTTP status, 100-599.</param>
    /// <param name="body">An optional body, sent as is.</param>
    /// <param name="contentType">The body's content type. Default <c>application/json</c>.</param>
    public static EmulatedFault Status(int statusCode, string? body = null, string contentType = "application/json") =>
        new(EmulatedFaultKind.StatusBeforeProcessing)
        {
            StatusCode = CheckStatus(statusCode),
            Body = body,
            ContentType = contentType,
        };

    /// <summary>
    /// Processes the request first (a process IS created, a token IS issued), then answers <paramref name="statusCode"/>
    /// instead of the real response.
    /// </summary>
    /// <param name="statusCode">The HTTP status, 100-599.</param>
    /// <param name="body">An optional body, sent as is.</param>
    /// <param name="contentType">The body's content type. Default <c>application/json</c>.</param>
    public static EmulatedFault StatusAfterProcessing(int statusCode, string? body = null, string contentType = "application/json") =>
        new(EmulatedFaultKind.StatusAfterProcessing)
        {
            StatusCode = CheckStatus(statusCode),
            Body = body,
            ContentType = contentType,
        };

    /// <summary>
    /// Waits <paramref name="delay"/> (real clock; cancelled when the client gives up or the emulator stops), then
    /// processes the request normally.
    /// </summary>
    /// <param name="delay">How long to wait.</param>
    public static EmulatedFault Latency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(EmulatedFaultKind.Delay) { Delay = delay };
    }

    /// <summary>Drops the connection (<c>HttpContext.Abort()</c>) without processing the request.</summary>
    public static EmulatedFault Abort() => new(EmulatedFaultKind.Abort);

    /// <summary>Processes the request, then drops the connection without answering.</summary>
    public static EmulatedFault AbortAfterProcessing() => new(EmulatedFaultKind.AbortAfterProcessing);

    /// <summary>Processes the request, then answers 200 with a truncated, unparseable body of the route's content type.</summary>
    public static EmulatedFault MalformedBody() => new(EmulatedFaultKind.MalformedBody) { StatusCode = 200 };

    /// <summary>Answers 429 with <c>Retry-After: {seconds}</c> without processing the request.</summary>
    /// <param name="retryAfterSeconds">The whole seconds sent in <c>Retry-After</c>.</param>
    public static EmulatedFault RateLimited(int retryAfterSeconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new(EmulatedFaultKind.RateLimited) { StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(retryAfterSeconds) };
    }

    /// <summary>Answers 502 Bad Gateway with an HTML page (what a load balancer sends), without processing the request.</summary>
    public static EmulatedFault GatewayError() => new(EmulatedFaultKind.GatewayError) { StatusCode = 502, ContentType = "text/html" };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        EmulatedFaultKind.Delay => $"{Kind} {Delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms",
        EmulatedFaultKind.RateLimited => $"{Kind} Retry-After {RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s",
        _ when StatusCode is { } status => $"{Kind} {status.ToString(CultureInfo.InvariantCulture)}",
        _ => Kind.ToString(),
    };

    private static int CheckStatus(int statusCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return statusCode;
    }
}
