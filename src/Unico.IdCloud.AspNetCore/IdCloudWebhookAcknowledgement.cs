namespace Unico.IdCloud.AspNetCore;

/// <summary>When the receiver answers IDCloud with 2xx — which is when IDCloud stops delivering the notification.</summary>
public enum IdCloudWebhookAcknowledgement
{
    /// <summary>
    /// Default. The notification is recorded in the <see cref="IIdCloudWebhookInbox"/> and answered 202 at once; the
    /// handler runs off the request path with retries. Durable only as far as the inbox is: the default in-memory
    /// inbox survives a graceful stop (it is drained within the host's shutdown budget, and anything left is logged)
    /// but not a crash.
    /// </summary>
    AfterRecording = 0,

    /// <summary>
    /// The handler runs inside the webhook request; only its success answers 200. A failure, or a run longer than
    /// <see cref="IdCloudWebhookOptions.HandlerTimeout"/>, answers 503 so IDCloud delivers again later — nothing is
    /// acknowledged before it is handled, even across a crash. Keep <see cref="IdCloudWebhookOptions.HandlerTimeout"/>
    /// below the response timeout registered with Unico.
    /// </summary>
    AfterHandling,
}
