using System.Globalization;

namespace Unico.IdCloud.Client;

/// <summary>How the SDK obtains and caches access tokens. The defaults suit almost everyone.</summary>
/// <remarks>
/// The policy these settings drive (which failures are retried, which pause token requests, when tokens are
/// renewed) is described in <c>docs/authentication.md</c>.
/// </remarks>
public sealed class IdCloudTokenOptions
{
    /// <summary>The configuration section of these options under the SDK's section: <c>IdCloud:Token</c>.</summary>
    public const string DefaultConfigurationPath = "IdCloud:Token";

    /// <summary>The longest assertion lifetime Unico accepts (<c>exp - iat</c>): one hour.</summary>
    public static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromHours(1);

    /// <summary>The shortest assertion lifetime the SDK accepts; shorter ones fail on ordinary clock drift.</summary>
    public static readonly TimeSpan MinAssertionLifetime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The shortest lifetime of each signed assertion (<c>exp - iat</c>, whole seconds). Default 5 minutes; between
    /// 10 seconds and one hour (Unico rejects more than one hour). Each assertion's <c>exp</c> is drawn at random
    /// between this and one hour, so instances sharing the account that sign in the same second still send different
    /// assertions (RS256 is deterministic and Unico forbids <c>jti</c>); at one hour that variation is lost. An
    /// assertion is used once, right after it is signed, so its lifetime does not extend any token.
    /// </summary>
    public TimeSpan AssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long before expiry a cached token is renewed in the background while callers keep using it. Default
    /// 5 minutes. For tokens that live less than twice this long, renewal starts at half their lifetime.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The timeout of one token request. Default 30 seconds. It bounds how long any caller can wait for a token
    /// (together with <see cref="MaxTransientAttempts"/>), independently of the callers' own cancellation.
    /// </summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a transient token failure (network, timeout, 5xx, 429, 1.2.7 replay) is attempted in total,
    /// each with a fresh assertion, waiting 1 s, 2 s, 4 s… between attempts. Default 3; between 1 and 10.
    /// </summary>
    public int MaxTransientAttempts { get; set; } = 3;

    /// <summary>
    /// After the identity service refuses a token request for a reason retrying cannot fix (misconfiguration codes
    /// such as 1.0.1 wrong tenant or 1.2.22 extra claims, or an unrecognised refusal), no new token request is sent
    /// for this long; callers get the same error at once. Protects the account from lock-out (1.2.18).
    /// Default 1 minute; at least 1 second.
    /// </summary>
    public TimeSpan ConfigurationErrorThrottle { get; set; } = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"IdCloudTokenOptions {{ AssertionLifetime = {AssertionLifetime}, RefreshBeforeExpiry = {RefreshBeforeExpiry}, TokenRequestTimeout = {TokenRequestTimeout}, MaxTransientAttempts = {MaxTransientAttempts}, ConfigurationErrorThrottle = {ConfigurationErrorThrottle} }}");

    /// <summary>
    /// Checks every setting and returns one entry per problem: the configuration key (e.g.
    /// <c>IdCloud:Token:AssertionLifetime</c>) and a message that starts with it. Empty when the options are valid.
    /// </summary>
    /// <param name="configurationPath">Where these options live in configuration.</param>
    internal IReadOnlyList<(string Setting, string Message)> Validate(string configurationPath = DefaultConfigurationPath)
    {
        var errors = new List<(string, string)>();
        if (AssertionLifetime < MinAssertionLifetime || AssertionLifetime > MaxAssertionLifetime)
        {
            errors.Add(($"{configurationPath}:{nameof(AssertionLifetime)}", $"{configurationPath}:{nameof(AssertionLifetime)} must be between 00:00:10 and 01:00:00 (Unico rejects assertions that live longer than one hour); it is {AssertionLifetime}."));
        }

        if (RefreshBeforeExpiry < TimeSpan.Zero)
        {
            errors.Add(($"{configurationPath}:{nameof(RefreshBeforeExpiry)}", $"{configurationPath}:{nameof(RefreshBeforeExpiry)} cannot be negative; it is {RefreshBeforeExpiry}. Use 00:00:00 to renew tokens only when they expire."));
        }

        if (TokenRequestTimeout <= TimeSpan.Zero || TokenRequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add(($"{configurationPath}:{nameof(TokenRequestTimeout)}", $"{configurationPath}:{nameof(TokenRequestTimeout)} must be more than zero and at most 00:10:00; it is {TokenRequestTimeout}."));
        }

        if (MaxTransientAttempts is < 1 or > 10)
        {
            errors.Add(($"{configurationPath}:{nameof(MaxTransientAttempts)}", $"{configurationPath}:{nameof(MaxTransientAttempts)} must be between 1 and 10; it is {MaxTransientAttempts.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (ConfigurationErrorThrottle < TimeSpan.FromSeconds(1))
        {
            errors.Add(($"{configurationPath}:{nameof(ConfigurationErrorThrottle)}", $"{configurationPath}:{nameof(ConfigurationErrorThrottle)} must be at least 00:00:01 (it keeps a misconfigured application from locking its account); it is {ConfigurationErrorThrottle}."));
        }

        return errors;
    }
}
