namespace Unico.IdCloud.Client;

/// <summary>How the SDK obtains and caches access tokens. The defaults suit almost everyone.</summary>
public sealed class IdCloudTokenOptions
{
    /// <summary>
    /// The lifetime of each signed assertion (<c>exp - iat</c>). Default 5 minutes; Unico rejects more than one hour.
    /// </summary>
    public TimeSpan AssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long before expiry a cached token is renewed in the background while callers keep using it. Default 5 minutes.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The timeout of one token request. Default 30 seconds.</summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a transient token failure (network, 5xx, 1.2.7 replay) is attempted in total, each with a
    /// fresh assertion. Default 3.
    /// </summary>
    public int MaxTransientAttempts { get; set; } = 3;

    /// <summary>
    /// After a misconfiguration error (e.g. 1.0.1 wrong tenant, 1.2.22 extra claims) no new token request is sent for
    /// this long; callers get the same error at once. Protects the account from lock-out (1.2.18). Default 1 minute.
    /// </summary>
    public TimeSpan ConfigurationErrorThrottle { get; set; } = TimeSpan.FromMinutes(1);
}
