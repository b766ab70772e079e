namespace Unico.IdCloud.Testing;

/// <summary>What an <see cref="EmulatedFault"/> does to a request.</summary>
public enum EmulatedFaultKind
{
    /// <summary>Answers a status (and optional body) without processing the request.</summary>
    StatusBeforeProcessing = 0,

    /// <summary>
    /// Processes the request (e.g. creates the process), then answers a status instead of the real response: the
    /// "the server received it" case that makes a retried POST create a second process.
    /// </summary>
    StatusAfterProcessing = 1,

    /// <summary>Waits, then processes the request normally.</summary>
    Delay = 2,

    /// <summary>Drops the connection without answering and without processing.</summary>
    Abort = 3,

    /// <summary>Processes the request, then drops the connection without answering.</summary>
    AbortAfterProcessing = 4,

    /// <summary>Processes the request, then answers 200 with a body that cannot be parsed.</summary>
    MalformedBody = 5,

    /// <summary>Answers 429 Too Many Requests with a <c>Retry-After</c> header, without processing.</summary>
    RateLimited = 6,

    /// <summary>Answers 502 with an HTML gateway error page, without processing.</summary>
    GatewayError = 7,
}
