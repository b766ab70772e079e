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

    /// <summary>
    /// The circuit breaker is open after repeated failures; the call was not attempted. <see cref="IdCloudException.RetryAfter"/>
    /// says when the breaker lets a trial call through.
    /// </summary>
    CircuitOpen,

    /// <summary>
    /// The service answered with a success status but a body the SDK could not read as the documented shape (empty,
    /// truncated, not JSON, wrong type, invalid base64, HTML instead of a file). The server is sometimes wrong; this is how it shows.
    /// </summary>
    InvalidResponse,

    /// <summary>The request failed client-side validation and was not sent.</summary>
    Validation,

    /// <summary>
    /// No access token could be obtained: the identity service refused (codes 1.x.y), or did not answer. See
    /// <see cref="IdCloudException.Advice"/> and <see cref="IdCloudException.IsConfigurationError"/>.
    /// </summary>
    Authentication,

    /// <summary>
    /// An artifact (signed document, signature evidence) was still not available after the configured attempts: the
    /// signature service lags behind the process. <see cref="IdCloudException.Operation"/> and
    /// <see cref="IdCloudException.ResourceId"/> say which; the inner exception is the last failure seen. Try again later.
    /// </summary>
    NotReady,

    /// <summary>
    /// A wait for a process to finish reached its deadline (<see cref="IdCloudException.ResourceId"/> is the process id;
    /// the message names the last known state). The process is not affected and may still finish: wait again, rely on
    /// the webhook, or treat it as abandoned.
    /// </summary>
    WaitTimeout,

    /// <summary>
    /// The SDK's configuration is invalid (a blank account name, a private key that is missing, encrypted, not RSA or too
    /// small, an API key that is not configured). <see cref="IdCloudException.SettingName"/> names the key to fix.
    /// </summary>
    Configuration,
}
