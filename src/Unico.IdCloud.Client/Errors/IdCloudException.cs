using System.Net;

namespace Unico.IdCloud.Client;

/// <summary>
/// Every failure the SDK reports. Catch this to handle all IDCloud failures in one place and branch on
/// <see cref="Kind"/>; the few subtypes exist only where the caller reacts differently or gets extra data:
/// <see cref="IdCloudApiException"/> (the service answered with an error status), <see cref="IdCloudRateLimitedException"/>
/// (back off), <see cref="IdCloudValidationException"/> (nothing was sent; <see cref="IdCloudValidationException.Errors"/>
/// lists what to fix), <see cref="IdCloudWaitTimeoutException"/> (the process as last read) and
/// <c>IdCloudByClientException</c> (by Client's typed reason).
/// </summary>
/// <remarks>
/// <para>
/// Failures without a subtype of their own are this type with a <see cref="Kind"/>: <see cref="IdCloudErrorKind.Transport"/>
/// and <see cref="IdCloudErrorKind.Timeout"/> (no usable answer), <see cref="IdCloudErrorKind.InvalidResponse"/> (a success
/// whose body could not be read), <see cref="IdCloudErrorKind.CircuitOpen"/> (nothing was sent),
/// <see cref="IdCloudErrorKind.Authentication"/> (no access token; see <see cref="Advice"/> and <see cref="IsConfigurationError"/>),
/// <see cref="IdCloudErrorKind.Configuration"/> (see <see cref="SettingName"/>) and
/// <see cref="IdCloudErrorKind.NotReady"/> (see <see cref="Operation"/> and <see cref="ResourceId"/>).
/// </para>
/// <para>
/// Messages and properties never contain secrets (private key, assertion, access token) nor personal data
/// (CPF, phone, e-mail); response bodies are not copied into messages.
/// </para>
/// </remarks>
public class IdCloudException : Exception
{
    private string? _clientReference;

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

    /// <summary>
    /// The SDK operation that failed, e.g. <c>CreateProcess</c>, <c>GetSignedDocument</c> or <c>WaitForCompletion</c>;
    /// <see langword="null"/> when the failure is not tied to one operation (configuration found at start-up).
    /// </summary>
    public string? Operation { get; init; }

    /// <summary>
    /// The process or document id the operation was about, when the SDK knows it (a wait that reached its deadline, an
    /// artifact that is not ready); <see langword="null"/> otherwise.
    /// </summary>
    public string? ResourceId { get; init; }

    /// <summary>
    /// The <c>clientReference</c> the failed request carried, to look a process up by when
    /// <see cref="RequestMayHaveBeenProcessed"/> is <see langword="true"/>; <see langword="null"/> when it had none.
    /// </summary>
    public string? ClientReference { get => _clientReference; init => _clientReference = value; }

    /// <summary>
    /// Records the <c>clientReference</c> of the request that failed, when the layer that maps the failure could not see
    /// it: Refit hands a CreateProcess body to the pipeline inside its own wrapper, so only the typed client, which holds
    /// the request, knows the reference. A reference already recorded is kept.
    /// </summary>
    internal void AttachClientReference(string clientReference) => _clientReference ??= clientReference;

    /// <summary>An English explanation of what to fix, when the SDK knows one (token refusals with a known code, a 401 after a fresh token).</summary>
    public string? Advice { get; init; }

    /// <summary>
    /// <see langword="true"/> when the failure means the application is misconfigured (<see cref="IdCloudErrorKind.Configuration"/>,
    /// or an <see cref="IdCloudErrorKind.Authentication"/> refusal such as a wrong tenant, inactive account, revoked key or
    /// locked account): retrying cannot help, and for token refusals repeated attempts can lock the account (code 1.2.18),
    /// so the SDK does not retry them and pauses further token requests.
    /// </summary>
    public bool IsConfigurationError { get; init; }

    /// <summary>
    /// The configuration key to fix, in <c>IConfiguration</c> notation (e.g. <c>IdCloud:ServiceAccount:PrivateKeyPath</c>),
    /// for a <see cref="IdCloudErrorKind.Configuration"/> failure about one setting; <see langword="null"/> otherwise.
    /// The message starts with the key and says what to put there; it never contains key material.
    /// </summary>
    public string? SettingName { get; init; }
}
