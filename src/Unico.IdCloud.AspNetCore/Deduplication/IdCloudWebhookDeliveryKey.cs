namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Identifies what is handled once: one process reaching one state. The receiver normalises both parts, so every
/// spelling of one notification is one key: a process id that parses as a GUID (<c>D</c>, 32 hex digits,
/// <c>{…}</c>, any letter case) becomes its lower-case <c>D</c> form (any other id is lower-cased), and the state is
/// upper-cased, a missing state counting as <c>PROCESS_STATE_FINISHED</c>.
/// </summary>
/// <param name="ProcessId">The process id, normalised as described.</param>
/// <param name="State">The notified state, upper-case; <c>PROCESS_STATE_FINISHED</c> when none was sent.</param>
public readonly record struct IdCloudWebhookDeliveryKey(string ProcessId, string State)
{
    /// <summary>A stable text form, <c>processId|state</c>, for use as a key in a shared store (Redis, SQL).</summary>
    /// <returns>The key as text.</returns>
    public override string ToString() => ProcessId + "|" + State;
}
