using System.Net;

namespace Unico.IdCloud.Client.Authentication;

/// <summary>
/// One classified failure to obtain a token. Kept as data (not as a thrown exception) so that every caller waiting
/// on a shared token request, and every caller turned away while requests are paused, gets its own exception.
/// </summary>
internal sealed record IdCloudTokenFailure
{
    /// <summary>What went wrong, phrased to follow "Could not obtain an IDCloud access token for X: ".</summary>
    public required string Reason { get; init; }

    /// <summary>An English explanation of what to fix.</summary>
    public required string Advice { get; init; }

    /// <summary>Worth another attempt with a fresh assertion (network, timeout, 5xx, 429, 1.2.7).</summary>
    public required bool IsTransient { get; init; }

    /// <summary>The configuration (or host clock) must change before a request can succeed.</summary>
    public bool IsConfigurationError { get; init; }

    /// <summary>The HTTP status of the identity service's answer, if it answered.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The Unico code parsed from <c>error_description</c>, e.g. <c>1.2.22</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The identity service's own description (<c>error_description</c>), bounded in length.</summary>
    public string? Description { get; init; }

    /// <summary>The wait the identity service asked for (HTTP 429 / 503 <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The underlying exception (network, timeout), never one carrying secrets.</summary>
    public Exception? Cause { get; init; }

    /// <summary>The token endpoint, for the exception's <see cref="IdCloudException.RequestUri"/>.</summary>
    public Uri? RequestUri { get; init; }

    /// <summary>How many attempts were made before giving up (set by the provider).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// Whether token requests pause after this failure: every refusal retrying cannot fix (misconfiguration codes,
    /// unknown codes, 4xx without a code), because repeated invalid attempts lock the account (1.2.18).
    /// </summary>
    public bool PausesTokenRequests => !IsTransient;

    /// <summary>Creates the exception one caller sees.</summary>
    /// <param name="issuer">The service account's issuer (not secret), to say which account failed.</param>
    /// <param name="pausedUntil">Set when the caller was turned away because token requests are paused.</param>
    /// <param name="now">The current time, to compute the remaining pause.</param>
    public IdCloudException ToException(string issuer, DateTimeOffset? pausedUntil = null, DateTimeOffset? now = null) =>
        Http.IdCloudErrorMapper.FromTokenFailure(this, issuer, pausedUntil, now);
}
