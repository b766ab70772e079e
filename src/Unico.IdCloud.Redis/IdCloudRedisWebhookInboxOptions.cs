namespace Unico.IdCloud.Redis;

/// <summary>
/// Settings of the durable webhook inbox on a Redis stream (<c>UseRedisWebhookInbox()</c>). Checked when the
/// application starts; every message names the setting to fix.
/// </summary>
public sealed class IdCloudRedisWebhookInboxOptions
{
    /// <summary>
    /// The application's consumer group, also part of the stream's key (<c>{KeyPrefix}webhook-inbox:{ConsumerGroup}</c>).
    /// Every instance of one application must use the same value; two applications that share a Redis and a
    /// <see cref="IdCloudRedisOptions.KeyPrefix"/> must use different ones. Default <c>idcloud-webhooks</c>.
    /// </summary>
    public string ConsumerGroup { get; set; } = "idcloud-webhooks";

    /// <summary>
    /// How long a notification held by an instance that stopped responding (killed, frozen, cut off from Redis) stays
    /// with it before another instance takes it over. A live instance renews what it holds every third of this, so
    /// a slow handler or a retry waiting for its backoff is never taken from it. Default 1 minute.
    /// </summary>
    public TimeSpan TakeOverAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often an idle instance asks Redis for work (new notifications and ones to take over); an instance that
    /// recorded a notification itself looks at once. Default 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many instances may take a notification before it is moved to the dead-letter stream
    /// (<c>{KeyPrefix}webhook-inbox:{ConsumerGroup}:dead-letter</c>) with an error log (event 7021) and the counter
    /// <c>idcloud.webhook.inbox.dead_letters</c>: a notification whose handling keeps killing the process must not take
    /// the fleet down one instance after another. Default 5.
    /// </summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>
    /// How many notifications the stream holds at most (recorded and not yet handled). Above it the receiver answers
    /// 503 with <c>Retry-After</c>, so IDCloud delivers again later; entries are never trimmed. Default 10 000.
    /// </summary>
    public int MaxLength { get; set; } = 10_000;

    /// <summary>
    /// What to do when Redis is unreachable. <see langword="true"/> (default): keep acknowledging, recording each
    /// notification in this instance's memory (not durable while the outage lasts: a crash loses what it holds; a
    /// graceful stop moves it to Redis if it is back, else logs each one), with a warning (event 7001) and the counter
    /// <c>idcloud.redis.fallbacks{feature=webhook-inbox}</c>. <see langword="false"/>: answer 503 with
    /// <c>Retry-After</c>, so IDCloud keeps the notification and delivers it again later — never acknowledged without
    /// a durable record, at the price of IDCloud's backoff (and its throttling of an endpoint that keeps failing).
    /// </summary>
    public bool FallBackToMemory { get; set; } = true;

    /// <summary>Every setting that cannot work, or an empty list.</summary>
    internal List<string> Problems()
    {
        const string Section = "IdCloud:Redis:WebhookInbox";
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ConsumerGroup) || ConsumerGroup.Any(char.IsWhiteSpace))
        {
            problems.Add($"{Section}:{nameof(ConsumerGroup)} must be a non-empty name without spaces.");
        }

        if (TakeOverAfter < TimeSpan.FromMilliseconds(300))
        {
            problems.Add($"{Section}:{nameof(TakeOverAfter)} must be at least 300 ms (it was {TakeOverAfter}); a live instance renews what it holds every third of it.");
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval >= TakeOverAfter)
        {
            problems.Add($"{Section}:{nameof(PollInterval)} must be positive and shorter than {nameof(TakeOverAfter)} (it was {PollInterval}).");
        }

        if (MaxDeliveries < 1)
        {
            problems.Add($"{Section}:{nameof(MaxDeliveries)} must be at least 1 (it was {MaxDeliveries}).");
        }

        if (MaxLength < 1)
        {
            problems.Add($"{Section}:{nameof(MaxLength)} must be at least 1 (it was {MaxLength}).");
        }

        return problems;
    }
}
