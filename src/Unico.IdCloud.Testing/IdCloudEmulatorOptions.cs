using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Testing;

/// <summary>Settings of an <see cref="IdCloudEmulator"/>. Every value has a default that suits tests.</summary>
public sealed class IdCloudEmulatorOptions
{
    /// <summary>
    /// The emulator's clock: assertion <c>iat</c>/<c>exp</c> checks, access-token expiry, process timestamps and
    /// expiry, and request-log timestamps. Default <see cref="TimeProvider.System"/>. Pass a manual clock to test
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

    /// <summary>How long one webhook attempt may take before it counts as failed. Default 10 seconds.</summary>
    public TimeSpan WebhookAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

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

        if (WebhookAttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WebhookAttemptTimeout), WebhookAttemptTimeout, "The webhook attempt timeout must be positive.");
        }
    }
}
