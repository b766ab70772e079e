namespace Unico.IdCloud.Testing;

/// <summary>What a finished process announces: its id, its flow, and whether it expired.</summary>
internal sealed record WebhookNotification(string ProcessId, string Flow, bool Expired)
{
    /// <summary>
    /// <c>{"processId","state":"PROCESS_STATE_FINISHED","flow"}</c>, plus <c>lastEvent</c> and
    /// <c>lastEventDescription</c> when the person never finished the journey.
    /// </summary>
    public byte[] ToJson() => WireJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("processId", ProcessId);
        w.WriteString("state", "PROCESS_STATE_FINISHED");
        w.WriteString("flow", Flow);
        if (Expired)
        {
            w.WriteString("lastEvent", "EVENT_TYPE_PROCESS_CREATED");
            w.WriteString("lastEventDescription", "The process expired before the person started the journey.");
        }

        w.WriteEndObject();
    });
}

/// <summary>Where and how webhooks are delivered.</summary>
internal sealed record WebhookTarget(Uri Url, EmulatedWebhookAuthentication Authentication, bool DeliverTwice)
{
    /// <summary>The token cache of an OAuth2 target, made by the sender that delivers to it; null for other schemes.</summary>
    public OAuth2TokenCache? Tokens { get; init; }
}
