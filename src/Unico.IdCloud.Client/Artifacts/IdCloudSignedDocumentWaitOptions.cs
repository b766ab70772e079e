namespace Unico.IdCloud.Client;

/// <summary>
/// How long to keep asking for a signed document (and its signature evidence) that is not available yet. Unico says
/// the signed document can lag behind the process and advises "up to 10 attempts, 1 to 5 minutes apart"; the
/// defaults follow that: waits of 1, 2, 4, then 5 minutes (about 37 minutes over 10 attempts).
/// </summary>
public sealed class IdCloudSignedDocumentWaitOptions
{
    /// <summary>Attempts in total, the first included. Default 10. 1 means no retry.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after the first failed attempt; doubles after each further one. Default 1 minute.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between two attempts. Default 5 minutes.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts (1 or more).</summary>
    internal TimeSpan DelayAfter(int failedAttempts)
    {
        var ticks = InitialDelay.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 40));
        return TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, ticks));
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting when the values cannot work.</summary>
    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, $"{nameof(IdCloudSignedDocumentWaitOptions)}.{nameof(MaxAttempts)} must be at least 1.");
        }

        if (InitialDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialDelay), InitialDelay, $"{nameof(IdCloudSignedDocumentWaitOptions)}.{nameof(InitialDelay)} must not be negative.");
        }

        if (MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, $"{nameof(IdCloudSignedDocumentWaitOptions)}.{nameof(MaxDelay)} must be at least {nameof(InitialDelay)}.");
        }
    }
}
