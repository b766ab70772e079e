namespace Unico.IdCloud.Client;

/// <summary>
/// The SDK's reading of a process, by Unico (<see cref="Models.IdCloudProcess.Interpret"/>) or by Client
/// (<see cref="ByClient.ByClientProcess.Interpret"/>): an <see cref="Outcome"/>, the <see cref="Reasons"/> behind it and
/// a one-sentence <see cref="Explanation"/>. It is <b>advice</b>: your own risk policy decides, and every raw value
/// stays on the process it was read from.
/// </summary>
/// <remarks>
/// One type for both APIs, so code that stores or shows verdicts (a back office, an audit log) handles both the same
/// way. <see cref="ToString"/> shows the outcome and reasons only; nothing personal.
/// </remarks>
public sealed class IdCloudProcessSummary
{
    internal IdCloudProcessSummary(IdCloudProcessOutcome outcome, IReadOnlyList<IdCloudOutcomeReason> reasons, string explanation)
    {
        Outcome = outcome;
        Reasons = reasons;
        Explanation = explanation;
    }

    /// <summary>The advice: approved, denied, inconclusive, expired, error, pending, or unrecognized.</summary>
    public IdCloudProcessOutcome Outcome { get; }

    /// <summary>
    /// The findings behind <see cref="Outcome"/>, in evaluation order (a by Unico process lists every finding; a by
    /// Client process the one that decided).
    /// </summary>
    public IReadOnlyList<IdCloudOutcomeReason> Reasons { get; }

    /// <summary>A one-sentence English explanation of the outcome and what to do next, for logs and back-office screens (no personal data).</summary>
    public string Explanation { get; }

    /// <summary>Whether the process is done (anything but <see cref="IdCloudProcessOutcome.Pending"/>).</summary>
    public bool IsFinal => Outcome != IdCloudProcessOutcome.Pending;

    /// <summary>Whether the outcome is a decision (<see cref="IdCloudProcessOutcome.Approved"/> or <see cref="IdCloudProcessOutcome.Denied"/>) rather than a state to act on.</summary>
    public bool IsDecision => Outcome is IdCloudProcessOutcome.Approved or IdCloudProcessOutcome.Denied;

    /// <summary>Whether <see cref="Reasons"/> contains <paramref name="reason"/>.</summary>
    /// <param name="reason">The finding to look for.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Has(IdCloudOutcomeReason reason) => Reasons.Contains(reason);

    /// <summary>The outcome and reasons, e.g. <c>Approved (LivenessConfirmed, IdentityConfirmed)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Outcome} ({string.Join(", ", Reasons)})";
}
