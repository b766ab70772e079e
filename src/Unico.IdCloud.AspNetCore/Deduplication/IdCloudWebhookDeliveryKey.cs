namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Identifies what is handled once: one process reaching one state. The receiver lower-cases the process id, so
/// deliveries that differ only in letter case count as the same.
/// </summary>
/// <param name="ProcessId">The process id, lower-case.</param>
/// <param name="State">The notified state as sent, or empty when none was sent.</param>
public readonly record struct IdCloudWebhookDeliveryKey(string ProcessId, string State)
{
    /// <summary>A stable text form, <c>processId|state</c>, for use as a key in a shared store (Redis, SQL).</summary>
    /// <returns>The key as text.</returns>
    public override string ToString() => ProcessId + "|" + State;
}
