namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Settings of the IDCloud webhook receiver (<c>MapIdCloudWebhook</c>). Checked when the endpoint is mapped;
/// every message names the setting to fix.
/// </summary>
public sealed class IdCloudWebhookOptions
{
    /// <summary>The configuration section name suggested for these options: <c>IdCloud:Webhook</c>.</summary>
    public const string DefaultSectionName = "IdCloud:Webhook";

    /// <summary>How IDCloud authenticates its calls. Must be set; <see cref="IdCloudWebhookAuthentication.Unspecified"/> refuses to start.</summary>
    public IdCloudWebhookAuthentication Authentication { get; set; }

    /// <summary>
    /// For <see cref="IdCloudWebhookAuthentication.Basic"/>: <c>user:password</c>, exactly as registered with Unico.
    /// Secret: keep it in a secret store, not in appsettings.json.
    /// </summary>
    public string? BasicCredentials { get; set; }

    /// <summary>
    /// For <see cref="IdCloudWebhookAuthentication.ApiKey"/>: the key exactly as registered with Unico. Like Unico, the
    /// receiver splits it on the first <c>:</c> — <c>X-API-Key:abc123</c> means header <c>X-API-Key</c> with value
    /// <c>abc123</c>, <c>Authorization:Bearer abc123</c> means <c>Authorization: Bearer abc123</c> — and a key with no
    /// colon is expected as the whole <c>Authorization</c> header value. Secret.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Further secrets accepted besides <see cref="BasicCredentials"/> or <see cref="ApiKey"/>, in the same format, so
    /// that a credential can be rotated at Unico without rejected deliveries: add the new one here, ask Unico to
    /// switch, then promote it and remove the old one.
    /// </summary>
    public IList<string> AdditionalSecrets { get; } = new List<string>();

    /// <summary>
    /// For <see cref="IdCloudWebhookAuthentication.Bearer"/>: validates the token after <c>Bearer </c>. When not set,
    /// an <see cref="IIdCloudWebhookBearerTokenValidator"/> service is used. A validator that throws is treated as a
    /// rejection (401) and logged.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<bool>>? BearerTokenValidator { get; set; }

    /// <summary>
    /// Whether the handler receives the process read with <c>GetProcess</c> (the notification itself has no verdict).
    /// Default <see langword="true"/>; needs an <c>IIdCloudProcessClient</c> service. A failed read counts as a failed
    /// handler run and is retried.
    /// </summary>
    public bool FetchProcess { get; set; } = true;

    /// <summary>
    /// When IDCloud gets its 2xx. <see cref="IdCloudWebhookAcknowledgement.AfterRecording"/> (default): once the
    /// notification is in the <see cref="IIdCloudWebhookInbox"/> (in memory unless you register a durable one);
    /// <see cref="IdCloudWebhookAcknowledgement.AfterHandling"/>: only once the handler succeeded.
    /// </summary>
    public IdCloudWebhookAcknowledgement Acknowledgement { get; set; }

    /// <summary>Largest accepted request body, in bytes. Default 64 KiB (a notification is about 200 bytes); larger → 413.</summary>
    public int MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>
    /// How many accepted notifications the default in-memory inbox holds while they wait for the handler. Default
    /// 1000. When full, the receiver answers 503 with <c>Retry-After</c> so IDCloud delivers again later instead of
    /// the notification being dropped.
    /// </summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How many handler runs may execute at the same time. Default 4.</summary>
    public int MaxConcurrentHandlers { get; set; } = 4;

    /// <summary>How many times the handler is run for one notification before giving up. Default 6 (the first run and 5 retries).</summary>
    public int MaxHandlerAttempts { get; set; } = 6;

    /// <summary>Delay before the first retry of a failed handler run; doubles for each further retry. Default 5 seconds.</summary>
    public TimeSpan HandlerRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest delay between handler retries. Default 5 minutes.</summary>
    public TimeSpan HandlerRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time budget of one handler run (including the process read). Default 2 minutes.</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a notification is "being handled" in the de-duplication store before another delivery may handle it
    /// again (covers a crash mid-run). Default 1 hour — longer than the default retry schedule with timeouts.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the default in-memory store remembers a handled notification. Default 7 days.</summary>
    public TimeSpan DeduplicationRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many notifications the default in-memory store remembers at most (oldest forgotten first). Default 100 000.</summary>
    public int DeduplicationCapacity { get; set; } = 100_000;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every setting that cannot work.</summary>
    internal void ValidateLimits()
    {
        var problems = new List<string>();
        Positive(MaxRequestBodySize, nameof(MaxRequestBodySize));
        Positive(QueueCapacity, nameof(QueueCapacity));
        Positive(MaxConcurrentHandlers, nameof(MaxConcurrentHandlers));
        Positive(MaxHandlerAttempts, nameof(MaxHandlerAttempts));
        Positive(DeduplicationCapacity, nameof(DeduplicationCapacity));
        Positive(HandlerTimeout, nameof(HandlerTimeout));
        Positive(ClaimDuration, nameof(ClaimDuration));
        Positive(DeduplicationRetention, nameof(DeduplicationRetention));
        if (!Enum.IsDefined(Acknowledgement))
        {
            problems.Add($"{nameof(Acknowledgement)} must be AfterRecording or AfterHandling");
        }

        if (HandlerRetryDelay < TimeSpan.Zero)
        {
            problems.Add($"{nameof(HandlerRetryDelay)} must not be negative");
        }

        if (HandlerRetryMaxDelay < HandlerRetryDelay)
        {
            problems.Add($"{nameof(HandlerRetryMaxDelay)} must be at least {nameof(HandlerRetryDelay)}");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("IDCloud webhook: " + string.Join("; ", problems) + ".");
        }

        void Positive<T>(T value, string name)
            where T : IComparable<T>
        {
            if (value.CompareTo(default!) <= 0)
            {
                problems.Add($"{nameof(IdCloudWebhookOptions)}.{name} must be positive");
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"IdCloudWebhookOptions {{ Authentication = {Authentication}, BasicCredentials = {Redact(BasicCredentials)}, ApiKey = {Redact(ApiKey)}, AdditionalSecrets = {AdditionalSecrets.Count}, FetchProcess = {FetchProcess}, Acknowledgement = {Acknowledgement} }}";

    private static string Redact(string? secret) => secret is null ? "(not set)" : "***";
}
