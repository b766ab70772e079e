using System.Net;

namespace Unico.IdCloud.Client;

/// <summary>
/// Base type of every failure the SDK reports. Catch this to handle all IDCloud failures in one place; catch a
/// subtype (or filter on <see cref="Kind"/>) where you react differently.
/// </summary>
/// <remarks>
/// Messages and properties never contain secrets (private key, assertion, access token) nor personal data
/// (CPF, phone, e-mail); response bodies are not copied into messages.
/// </remarks>
public class IdCloudException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What happened and, where possible, what to do.</param>
    public IdCloudException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    /// <param name="message">What happened and, where possible, what to do.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message (prefer the other constructors).</summary>
    public IdCloudException()
        : base("An IDCloud operation failed.")
    {
    }

    /// <summary>The classified kind of failure.</summary>
    public IdCloudErrorKind Kind { get; init; }

    /// <summary>The HTTP status the service answered with, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>
    /// The service's own error code exactly as it was sent, as text: <c>"3"</c>, <c>"5"</c>, <c>"99999"</c>,
    /// <c>"1.2.22"</c>. JSON numbers are rendered with their original digits. <see langword="null"/> when none was sent.
    /// </summary>
    public string? ErrorCode { get; init; }

    /// <summary>The service's description of the error (its <c>description</c> or <c>message</c> field), if any.</summary>
    public string? Description { get; init; }

    /// <summary>A request or correlation id returned by the service, if any; quote it in support tickets.</summary>
    public string? RequestId { get; init; }

    /// <summary>The HTTP method of the failed request, if a request was involved.</summary>
    public string? RequestMethod { get; init; }

    /// <summary>The request URL without query string or credentials, if a request was involved.</summary>
    public Uri? RequestUri { get; init; }

    /// <summary>How long the service asked the caller to wait before retrying (HTTP 429 / 503 <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How many times the SDK retried before giving up (0 when the first attempt's outcome is final).</summary>
    public int RetryCount { get; init; }

    /// <summary>
    /// <see langword="true"/> when the request may have reached the service and been acted on although no
    /// success was seen (for example a <c>CreateProcess</c> that timed out after being sent). Check with
    /// your <c>clientReference</c> before trying again, or you may create a second, billable process.
    /// </summary>
    public bool RequestMayHaveBeenProcessed { get; init; }
}
