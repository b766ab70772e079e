namespace Unico.IdCloud.Client;

/// <summary>
/// How <see cref="IIdCloudProcessWaiter.WaitForCompletionAsync"/> polls <c>GetProcess</c>: exponential backoff with
/// full jitter between <see cref="InitialDelay"/> and a ceiling that doubles up to <see cref="MaxDelay"/>, until
/// <see cref="Deadline"/>.
/// </summary>
/// <remarks>
/// <para>
/// Why these defaults: the tenant budget is 10 requests per second shared by <b>every</b> call, and Unico names
/// polling as the quickest way to exhaust it. A person needs from tens of seconds to minutes to finish a journey, so
/// reading more than every 2 seconds gains nothing. Once at the ceiling a waiter reads on average every
/// (2 + 30) / 2 = 16 seconds, about 0.06 requests per second, so around 150 processes can be awaited by polling
/// alone before polling uses the whole budget; with the webhook configured, polling is only the safety net and a
/// larger <see cref="MaxDelay"/> (for example 2 minutes) is a good choice. The jitter spreads waiters that started
/// together.
/// </para>
/// <para>
/// 30 minutes is long enough for a hosted journey done in one sitting; a process itself can stay open for days
/// (<c>expiresIn</c>, default 7 days), so for journeys the person may finish later prefer the webhook and a
/// short wait, or no wait at all.
/// </para>
/// </remarks>
public sealed class IdCloudWaitOptions
{
    /// <summary>Delay before the second read (the first read is immediate) and the shortest delay. Default 2 seconds.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between two reads. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait in total, counted from the call; then an <see cref="IdCloudWaitTimeoutException"/> (kind <see cref="IdCloudErrorKind.WaitTimeout"/>). Default 30 minutes.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting when the values cannot work.</summary>
    internal void Validate()
    {
        if (InitialDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialDelay), InitialDelay, $"{nameof(IdCloudWaitOptions)}.{nameof(InitialDelay)} must be positive.");
        }

        if (MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, $"{nameof(IdCloudWaitOptions)}.{nameof(MaxDelay)} must be at least {nameof(InitialDelay)}.");
        }

        if (Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Deadline), Deadline, $"{nameof(IdCloudWaitOptions)}.{nameof(Deadline)} must be positive.");
        }
    }
}
