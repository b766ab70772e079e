using StackExchange.Redis;

namespace Unico.IdCloud.Redis;

/// <summary>Where Redis is and how the SDK uses it. Only <see cref="Configuration"/> is required.</summary>
public sealed class IdCloudRedisOptions
{
    /// <summary>The configuration section of these options: <c>IdCloud:Redis</c>.</summary>
    public const string DefaultConfigurationPath = "IdCloud:Redis";

    /// <summary>
    /// The StackExchange.Redis configuration string, e.g. <c>redis:6379</c> or
    /// <c>redis:6380,ssl=true,password=…</c>. Connection failures never stop the application: the SDK keeps working
    /// in process until Redis is back. A string that can never connect (no endpoint, an unknown keyword) is a
    /// configuration error: calls that need Redis throw an <see cref="Client.IdCloudException"/> naming this setting.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key the SDK writes. Default <c>idcloud:</c>.</summary>
    public string KeyPrefix { get; set; } = "idcloud:";

    /// <summary>
    /// How long the token lease lives without renewal: the longest time a killed instance that was requesting the
    /// shared token can hold up the others. The holder renews it every third of this while it works. Default 10 s.
    /// </summary>
    public TimeSpan TokenLeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a single Redis command may take before the SDK treats Redis as unreachable and uses its in-process
    /// fallback for that call. Default 3 s: a busy machine (a cold start on two cores) can hold a healthy command up
    /// for a second, and a fallback then costs more than the wait (a dead connection is noticed at once anyway).
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long the first connection may take; calls made meanwhile wait for it (after that, while Redis is
    /// unreachable, calls use the in-process fallback at once). Default 5 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Share the access token through Redis. Default <see langword="true"/>.</summary>
    public bool ShareTokens { get; set; } = true;

    /// <summary>Share the tenant's request budget through Redis. Default <see langword="true"/>.</summary>
    public bool ShareRateLimit { get; set; } = true;

    /// <summary>Share webhook de-duplication through Redis. Default <see langword="true"/>.</summary>
    public bool ShareWebhookDeduplication { get; set; } = true;

    private const string SettingPath = $"{DefaultConfigurationPath}:{nameof(Configuration)}";

    /// <summary>
    /// The error for a configuration string StackExchange.Redis refuses (an unknown keyword, a port out of range). Its
    /// message is repeated only when the string holds no password: a password containing a comma is split there, and
    /// its rest comes back in the message as an unknown keyword.
    /// </summary>
    internal Client.IdCloudException Unusable(ArgumentException refused)
    {
        var holdsSecret = Configuration?.Contains("password", StringComparison.OrdinalIgnoreCase) != false;
        return holdsSecret
            ? Client.IdCloudErrors.Configuration(SettingPath, $"{SettingPath} is not a usable StackExchange.Redis configuration string ({refused.GetType().Name}; the details are left out because the string holds a password: check every setting, and that the password holds no ',').")
            : Client.IdCloudErrors.Configuration(SettingPath, $"{SettingPath} is not a usable StackExchange.Redis configuration string: {refused.Message}", refused);
    }

    /// <summary>Builds the client configuration: fail fast while disconnected, never abort on a failed connect.</summary>
    internal ConfigurationOptions ToConfigurationOptions()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
        {
            throw Client.IdCloudErrors.Configuration($"{DefaultConfigurationPath}:{nameof(Configuration)}", $"{DefaultConfigurationPath}:{nameof(Configuration)} is required, e.g. \"localhost:6379\".");
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(Configuration);
        }
        catch (ArgumentException ex)
        {
            throw Unusable(ex);
        }

        if (options.EndPoints.Count == 0)
        {
            throw Client.IdCloudErrors.Configuration(SettingPath, $"{SettingPath} names no Redis endpoint, e.g. \"localhost:6379\".");
        }

        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds;
        options.AsyncTimeout = (int)CommandTimeout.TotalMilliseconds;
        options.SyncTimeout = (int)CommandTimeout.TotalMilliseconds;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectRetry = 1;
        return options;
    }
}
