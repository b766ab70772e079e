using System.Globalization;

namespace Unico.IdCloud.Client;

/// <summary>The tenant's request budget, as <see cref="IIdCloudRateLimiter"/> enforces it.</summary>
public sealed class IdCloudRateLimitOptions
{
    /// <summary>The configuration section of these options: <c>IdCloud:RateLimit</c>.</summary>
    public const string DefaultConfigurationPath = "IdCloud:RateLimit";

    /// <summary>
    /// Requests per second allowed for the tenant, by every instance together. Default 10 (Unico's default; ask Unico
    /// for your contract's figure). At least 1.
    /// </summary>
    public int RequestsPerSecond { get; set; } = 10;

    /// <summary>
    /// How many of <see cref="RequestsPerSecond"/> only <see cref="IdCloudRequestPriority.High"/> requests
    /// (creations) may use. Default 2. Between 0 and <c>RequestsPerSecond - 1</c>.
    /// </summary>
    public int ReservedForHighPriority { get; set; } = 2;

    /// <summary>
    /// Added to the one-second window. A permit stays counted until one window after its request's answer arrived, so
    /// delays between taking a permit and reaching the server (network, a busy machine, a new connection) are already
    /// covered; the margin covers the rest: clocks that count in whole milliseconds and the server's seconds not being
    /// exactly ours. Default 50 ms (10 requests per 1.05 s plus each request's round trip). Between 0 and 1 s.
    /// </summary>
    public TimeSpan WindowSafetyMargin { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Spread admissions evenly: at least one window divided by <see cref="RequestsPerSecond"/> between two requests.
    /// Default <see langword="true"/>: requests reach the server one by one instead of in bursts that fill the window
    /// and then wait for it.
    /// </summary>
    public bool SpreadEvenly { get; set; } = true;

    /// <summary>Used after a 429 without a usable <c>Retry-After</c> (missing, zero or in the past). Default 1 s.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause one 429's <c>Retry-After</c> can impose on everyone. Default 60 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The length of the sliding window: one second plus <see cref="WindowSafetyMargin"/>.</summary>
    internal TimeSpan Window => TimeSpan.FromSeconds(1) + WindowSafetyMargin;

    /// <summary>The least time between two admissions: the window divided by the budget (see <see cref="SpreadEvenly"/>).</summary>
    internal TimeSpan Spacing => SpreadEvenly ? Window / RequestsPerSecond : TimeSpan.Zero;

    /// <summary>How many requests of <paramref name="priority"/> the window admits.</summary>
    internal int LimitFor(IdCloudRequestPriority priority) =>
        priority == IdCloudRequestPriority.High ? RequestsPerSecond : RequestsPerSecond - ReservedForHighPriority;

    /// <summary>Checks the settings; throws <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Configuration"/> naming the key to fix.</summary>
    internal void Validate(string configurationPath = DefaultConfigurationPath)
    {
        if (RequestsPerSecond < 1)
        {
            throw IdCloudErrors.Configuration($"{configurationPath}:{nameof(RequestsPerSecond)}", string.Create(CultureInfo.InvariantCulture, $"{configurationPath}:{nameof(RequestsPerSecond)} must be at least 1; it is {RequestsPerSecond}."));
        }

        if (ReservedForHighPriority < 0 || ReservedForHighPriority >= RequestsPerSecond)
        {
            throw IdCloudErrors.Configuration($"{configurationPath}:{nameof(ReservedForHighPriority)}", string.Create(CultureInfo.InvariantCulture, $"{configurationPath}:{nameof(ReservedForHighPriority)} must be between 0 and RequestsPerSecond - 1 ({RequestsPerSecond - 1}); it is {ReservedForHighPriority}."));
        }

        if (WindowSafetyMargin < TimeSpan.Zero || WindowSafetyMargin > TimeSpan.FromSeconds(1))
        {
            throw IdCloudErrors.Configuration($"{configurationPath}:{nameof(WindowSafetyMargin)}", $"{configurationPath}:{nameof(WindowSafetyMargin)} must be between 00:00:00 and 00:00:01; it is {WindowSafetyMargin}.");
        }

        if (DefaultRetryAfter <= TimeSpan.Zero || MaxRetryAfter < DefaultRetryAfter)
        {
            throw IdCloudErrors.Configuration($"{configurationPath}:{nameof(DefaultRetryAfter)}", $"{configurationPath}:{nameof(DefaultRetryAfter)} must be positive and at most {nameof(MaxRetryAfter)}.");
        }
    }
}
