using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Testing;

/// <summary>Settings of an <see cref="IdCloudEmulator"/>. Every value has a default that suits tests.</summary>
public sealed class IdCloudEmulatorOptions
{
    /// <summary>
    /// The emulator's clock: assertion <c>iat</c>/<c>exp</c> checks, access-token expiry, process timestamps and
    /// expiry, request-log timestamps, and when an <see cref="EmulatedWebhookAuthentication.OAuth2"/> token is replaced. Default <see cref="TimeProvider.System"/>. Pass a manual clock to test
    /// expiry without waiting. Network mechanics (webhook retry back-off, injected delays) use the real clock.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The lifetime of issued access tokens, returned as <c>expires_in</c>. Default 3600 seconds, like Unico.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>
    /// Where Kestrel's and the emulator's own logs go. Default <see langword="null"/>: nothing is logged. The emulator
    /// never logs assertions, access tokens or keys.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// The tenant (company) id of the service accounts created by <see cref="IdCloudEmulator.CreateServiceAccount"/>
    /// when no tenant is given. Default: a fresh GUID per emulator.
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// The first of three consecutive loopback ports: identity on <c>Port</c>, process API on <c>Port + 1</c>, signature
    /// API on <c>Port + 2</c>. Default <see langword="null"/>: three free ports chosen by the system (best for tests).
    /// </summary>
    public int? Port { get; set; }

    /// <summary>How many times one webhook notification is attempted before it is given up. Default 5.</summary>
    public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second webhook attempt; it doubles for each further attempt. Default 50 ms.</summary>
    public TimeSpan WebhookInitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between two webhook attempts. Default 1 second.</summary>
    public TimeSpan WebhookMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one webhook attempt may take before it counts as failed, its OAuth2 token request included (one shared
    /// token request is itself bounded by it). Default 10 seconds.
    /// </summary>
    public TimeSpan WebhookAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How the APIs answer an invalid or expired access token. Default <see cref="EmulatedUnauthorizedResponse.Json"/>,
    /// the vendor's documented form; <see cref="EmulatedUnauthorizedResponse.GatewayPlainText"/> is the gateway's.
    /// </summary>
    public EmulatedUnauthorizedResponse UnauthorizedResponse { get; set; } = EmulatedUnauthorizedResponse.Json;

    /// <summary>
    /// Whether read endpoints answer 404 with or without a body. Default <see cref="EmulatedNotFoundResponse.Default"/>:
    /// the process API's reads answer a bare 404 ("apenas o código de status HTTP"), the signature API its bodies.
    /// </summary>
    public EmulatedNotFoundResponse NotFoundResponse { get; set; } = EmulatedNotFoundResponse.Default;

    /// <summary>
    /// Whether the process and signature APIs refuse a tenant's requests above <see cref="RateLimitPerSecond"/> in one
    /// second with 429 and <c>Retry-After</c>, as Unico does. Default <see langword="false"/>, so existing test suites
    /// that burst keep passing; the traffic is counted either way (<see cref="IdCloudEmulator.GetTenantTraffic"/>).
    /// </summary>
    public bool EnforceRateLimit { get; set; }

    /// <summary>
    /// The per-tenant budget in requests per second when <see cref="EnforceRateLimit"/> is on. Default 10, Unico's
    /// documented default ("10 requests per second per tenant", configurable by contract).
    /// </summary>
    public int RateLimitPerSecond { get; set; } = DocumentedRateLimitPerSecond;

    /// <summary>Unico's documented default budget: 10 requests per second per tenant.</summary>
    public const int DocumentedRateLimitPerSecond = 10;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (AccessTokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AccessTokenLifetime), AccessTokenLifetime, "The access-token lifetime must be positive.");
        }

        if (Port is < 0 or > 65533)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The first port must be between 0 and 65533 (three consecutive ports are used).");
        }

        if (WebhookMaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(WebhookMaxAttempts), WebhookMaxAttempts, "At least one webhook attempt is needed.");
        }

        if (WebhookInitialRetryDelay < TimeSpan.Zero || WebhookMaxRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WebhookInitialRetryDelay), "Webhook retry delays cannot be negative.");
        }

        if (!Enum.IsDefined(UnauthorizedResponse))
        {
            throw new ArgumentOutOfRangeException(nameof(UnauthorizedResponse), UnauthorizedResponse, "Unknown 401 form.");
        }

        if (!Enum.IsDefined(NotFoundResponse))
        {
            throw new ArgumentOutOfRangeException(nameof(NotFoundResponse), NotFoundResponse, "Unknown 404 form.");
        }

        if (RateLimitPerSecond < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RateLimitPerSecond), RateLimitPerSecond, "The rate limit allows at least one request per second.");
        }

        if (WebhookAttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WebhookAttemptTimeout), WebhookAttemptTimeout, "The webhook attempt timeout must be positive.");
        }
    }
}
