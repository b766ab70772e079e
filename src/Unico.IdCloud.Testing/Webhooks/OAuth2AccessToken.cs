namespace Unico.IdCloud.Testing;

/// <summary>An access token from the customer's provider and when to stop using it. <see cref="ToString"/> hides the value.</summary>
internal sealed class OAuth2AccessToken
{
    /// <summary>How long before its expiry a token is replaced, at most (half its lifetime for shorter-lived tokens).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    public OAuth2AccessToken(string value, DateTimeOffset obtainedAt, TimeSpan? lifetime)
    {
        Value = value;
        Lifetime = lifetime;

        // "Shortly before": a delivery that starts with a token about to lapse may reach the receiver after it did (the
        // attempt itself may take WebhookAttemptTimeout, and the provider's clock is not ours), so the token is retired
        // early. Half the lifetime for short-lived tokens keeps a 10-second token usable at all.
        if (lifetime is { } known)
        {
            var margin = TimeSpan.FromTicks(Math.Min(RefreshMargin.Ticks, known.Ticks / 2));
            var usableFor = known - margin;

            // A provider may answer any whole number of seconds; one that ends past the calendar's last day (DateTimeOffset
            // would throw, and the webhook with it) is a token that never expires by this clock: kept until a 401.
            RefreshAt = usableFor < DateTimeOffset.MaxValue - obtainedAt ? obtainedAt + usableFor : null;
        }
    }

    /// <summary>The token, for <c>Authorization: Bearer</c>. Secret.</summary>
    public string Value { get; }

    /// <summary>The provider's <c>expires_in</c>, when it sent one.</summary>
    public TimeSpan? Lifetime { get; }

    /// <summary>
    /// From when a new token is fetched instead. None when the provider gave no <c>expires_in</c>: RFC 6749 §5.1 then
    /// leaves the lifetime to the provider's documentation, which the emulator cannot read, so the token is used until
    /// a receiver answers 401. None either when the lifetime ends past <see cref="DateTimeOffset.MaxValue"/>.
    /// </summary>
    public DateTimeOffset? RefreshAt { get; }

    public bool IsUsableAt(DateTimeOffset now) => RefreshAt is not { } refreshAt || now < refreshAt;

    public override string ToString() => "OAuth2 access token (value redacted)";
}
