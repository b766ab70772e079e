namespace Unico.IdCloud.Client;

/// <summary>
/// Timeouts, retries and the circuit breaker applied to every API call. The pipeline owns timeouts, so
/// <see cref="System.Net.Http.HttpClient.Timeout"/> is set to infinite.
/// </summary>
/// <remarks>
/// <para>
/// Order, outermost first (as in Microsoft.Extensions.Http.Resilience's standard handler): total timeout → retry →
/// circuit breaker → attempt timeout. One pipeline, and so one circuit breaker, per named client (process API,
/// signature API, identity), shared by all handler instances.
/// </para>
/// <para>
/// <b>Retried</b> (safe, idempotent calls: GetProcess, GetSelfie, GetEvidenceSet, downloads until their headers
/// arrive): HTTP 408, 429 and 5xx (except 501/505), connection failures and per-attempt timeouts, with exponential
/// backoff and jitter from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>, or exactly the server's
/// <c>Retry-After</c> when it sends one (up to <see cref="MaxRetryAfter"/>).
/// </para>
/// <para>
/// <b>Never retried</b>: <c>CreateProcess</c> once the request may have reached the server (a 5xx, a timeout or a
/// connection broken after sending). IDCloud has no idempotency key, so a retry could create a second, billable
/// process; the exception says so (<see cref="IdCloudException.RequestMayHaveBeenProcessed"/>) and tells you to check
/// by <c>clientReference</c>. It is retried only when the connection could not be established at all (name
/// resolution failed, connection refused), which proves nothing was sent. Also never retried: 4xx answers other than
/// 408/429, a caller's own cancellation, and a <c>Retry-After</c> longer than <see cref="MaxRetryAfter"/> or than the
/// time left in <see cref="TotalTimeout"/> (the 429/503 is surfaced at once instead of a timeout).
/// </para>
/// </remarks>
public sealed class IdCloudResilienceOptions
{
    /// <summary>
    /// Budget for one call including all retries and waits. Default 60 seconds. When it runs out the call fails with
    /// an <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Timeout"/>.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Budget for one attempt; an attempt that runs out is retried if the call is safe to retry. Default 20 seconds. At most <see cref="TotalTimeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Budget of a file download (signed document, signature evidence), from the request to the last byte of the
    /// streamed body, including retries before the body starts; replaces <see cref="AttemptTimeout"/> and
    /// <see cref="TotalTimeout"/> for downloads. Default 5 minutes. A download is not retried once its body started.
    /// </summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest a streamed download may go without receiving a single byte before it fails with kind
    /// <see cref="IdCloudErrorKind.Timeout"/>. Default 30 seconds. A value above <see cref="DownloadTimeout"/> has no effect (the budget ends first).
    /// </summary>
    public TimeSpan DownloadIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest success body of a JSON operation (a process, a base64 selfie or evidence set) the SDK reads, in bytes.
    /// Default 64 MiB: the largest answer, a base64 file, is 4/3 of the file, and IDCloud's files are far smaller.
    /// A larger body ends the call with kind <see cref="IdCloudErrorKind.InvalidResponse"/> instead of exhausting
    /// memory. Streamed downloads (PDFs) are not capped; they are bounded by <see cref="DownloadTimeout"/>.
    /// </summary>
    public long MaxResponseBodySize { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Most TCP connections the SDK opens to one IDCloud host; further concurrent calls wait for a free connection
    /// (that wait counts against <see cref="AttemptTimeout"/>). Default 64: far above the tenant's default budget of
    /// 10 requests per second, and it keeps a burst of thousands of calls from opening thousands of sockets.
    /// </summary>
    public int MaxConnectionsPerServer { get; set; } = 64;

    /// <summary>Maximum retries after the first attempt for safe (GET) calls. Default 3. 0 disables retries; at most 10.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Median delay before the first retry; later retries back off exponentially, with jitter. Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single backoff delay. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest <c>Retry-After</c> the SDK will wait for; a longer one ends the call with the rate-limit exception
    /// (whose <see cref="IdCloudException.RetryAfter"/> says how long to wait) instead of blocking. Default 30 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the circuit breaker is enabled. Default true. It counts 5xx, 408, timeouts and connection failures
    /// (not 429, not 4xx); while open, calls fail at once with an <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.CircuitOpen"/>.
    /// </summary>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>Failure ratio within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Minimum calls within the sampling window before the breaker may open. Default 10; at least 2.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The breaker's sampling window. Default 30 seconds; at least 0.5 seconds.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call. Default 15 seconds; at least 0.5 seconds.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
