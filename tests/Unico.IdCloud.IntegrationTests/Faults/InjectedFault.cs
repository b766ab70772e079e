namespace Unico.IdCloud.IntegrationTests.Faults;

/// <summary>The failures the fault matrix injects, one per way IDCloud (or the way to it) lets a caller down.</summary>
public enum InjectedFault
{
    /// <summary>HTTP 500 before the request is acted on.</summary>
    ServerErrorBeforeProcessing,

    /// <summary>HTTP 500 after the request was acted on (for CreateProcess: the process exists).</summary>
    ServerErrorAfterProcessing,

    /// <summary>HTTP 502 with a gateway's HTML page.</summary>
    GatewayHtmlPage,

    /// <summary>HTTP 503.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 429 with <c>Retry-After: 1</c>.</summary>
    RateLimited,

    /// <summary>No answer until long after the attempt timeout.</summary>
    DelayBeyondAttemptTimeout,

    /// <summary>The connection drops before the request is acted on.</summary>
    ConnectionAbort,

    /// <summary>The connection drops after the request was acted on.</summary>
    ConnectionAbortAfterProcessing,

    /// <summary>HTTP 200 with the body cut short.</summary>
    MalformedBody,
}
