namespace Unico.IdCloud.Client;

/// <summary>
/// What kind of failure an <see cref="IdCloudException"/> reports. Callers branch on this instead of parsing
/// codes or messages; the raw values stay available on the exception.
/// </summary>
public enum IdCloudErrorKind
{
    /// <summary>The failure could not be classified; see the raw status, code and description.</summary>
    Unknown = 0,

    /// <summary>The request was rejected as invalid (gRPC code 3 "InvalidArgument", HTTP 400).</summary>
    InvalidArgument,

    /// <summary>The access token was missing, malformed or expired (HTTP 401) even after one refresh.</summary>
    Unauthenticated,

    /// <summary>The service account lacks permission for this operation (gRPC code 7, HTTP 403).</summary>
    PermissionDenied,

    /// <summary>The process or document does not exist (gRPC code 5, HTTP 404).</summary>
    NotFound,

    /// <summary>The account is not set up for this operation, e.g. "XX ID Apikeys are not set" (gRPC code 9).</summary>
    FailedPrecondition,

    /// <summary>The tenant's request budget was exceeded (HTTP 429). See <see cref="IdCloudException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The service reported an internal failure (code 99999 or HTTP 5xx).</summary>
    ServerError,

    /// <summary>The service was unavailable or a gateway in front of it failed (HTTP 502/503/504).</summary>
    ServiceUnavailable,

    /// <summary>The request timed out (per-attempt or total budget).</summary>
    Timeout,

    /// <summary>The connection failed or broke (DNS, TCP, TLS, connection reset).</summary>
    Transport,

    /// <summary>The circuit breaker is open after repeated failures; the call was not attempted.</summary>
    CircuitOpen,

    /// <summary>The service answered with a success status but a body the SDK could not read.</summary>
    InvalidResponse,

    /// <summary>The request failed client-side validation and was not sent.</summary>
    Validation,

    /// <summary>The identity service refused to issue an access token (codes 1.x.y).</summary>
    Authentication,

    /// <summary>The signed document is not available yet (the signature service lags behind the process).</summary>
    NotReady,

    /// <summary>A wait for a process to finish reached its deadline.</summary>
    WaitTimeout,
}
