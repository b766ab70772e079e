namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The SDK's reading of a by Client process, following the vendor's rule: <b>only status 3 decides</b>. It is advice:
/// your own risk policy decides, and every raw value stays on the <see cref="ByClientProcess"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Status 1 → <see cref="IdCloudProcessOutcome.Pending"/> (read it again later); 2 (divergence) →
/// <see cref="IdCloudProcessOutcome.Inconclusive"/>; 4 → <see cref="IdCloudProcessOutcome.Expired"/> (cancelled: create
/// a new process); 5 (HTTP 200 with a biometric processing error) → <see cref="IdCloudProcessOutcome.Error"/> (capture
/// again); any other status → <see cref="IdCloudProcessOutcome.Unrecognized"/>.</item>
/// <item>Status 3: liveness failed (2) → Denied; fraudsters base match → Denied; a known <c>riskLevel</c> decides when
/// present (approved → Approved; reproved, denied, critical-risk, high-risk → Denied; retry → Error; inconclusive →
/// Inconclusive); otherwise <c>unicoId</c> yes → Approved, no → Denied, inconclusive → by the risk score when there is
/// one (positive → Approved, negative → Denied, zero → Inconclusive), else Inconclusive. A document process that
/// finished with its document → Approved (cpfMatch false → Denied). Unknown values → Unrecognized, never
/// approval.</item>
/// </list>
/// </remarks>
/// <param name="Outcome">The reading.</param>
/// <param name="Reason">The finding that decided it.</param>
/// <param name="Advice">What to do next, in one sentence.</param>
public sealed record ByClientInterpretation(IdCloudProcessOutcome Outcome, ByClientOutcomeReason Reason, string Advice)
{
    /// <summary>Whether the outcome is a decision (Approved or Denied) rather than a state to act on.</summary>
    public bool IsDecision => Outcome is IdCloudProcessOutcome.Approved or IdCloudProcessOutcome.Denied;

    internal static ByClientInterpretation Of(ByClientProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        switch (process.Status.Value)
        {
            case 1:
                return new(IdCloudProcessOutcome.Pending, ByClientOutcomeReason.Processing, "Still processing: read it again with GetProcess in a moment.");
            case 2:
                return new(IdCloudProcessOutcome.Inconclusive, ByClientOutcomeReason.Divergence, "Divergence: no verdict was given; review manually or capture again in a new process.");
            case 4:
                return new(IdCloudProcessOutcome.Expired, ByClientOutcomeReason.Cancelled, "The process was cancelled: create a new one.");
            case 5:
                return new(IdCloudProcessOutcome.Error, ByClientOutcomeReason.ProcessingError, "The biometric processing failed: capture the selfie again and create a new process.");
            case 3:
                break;
            default:
                return new(IdCloudProcessOutcome.Unrecognized, ByClientOutcomeReason.UnknownValue, "Unknown status " + process.Status + ": read the raw values; never treated as approval.");
        }

        if (process.Liveness == ByClientLiveness.Failed)
        {
            return new(IdCloudProcessOutcome.Denied, ByClientOutcomeReason.NotLive, "No live person was in front of the camera: deny, or capture again with the person present.");
        }

        if (process.IdentityFraudsters == ByClientVerdict.Yes)
        {
            return new(IdCloudProcessOutcome.Denied, ByClientOutcomeReason.FraudsterMatch, "The face is in Unico's base of known fraudsters: deny.");
        }

        if (process.RiskLevel is { IsKnown: true } risk)
        {
            if (risk == ByClientVerdict.Approved)
            {
                return new(IdCloudProcessOutcome.Approved, ByClientOutcomeReason.RiskLevel, "Risk level approved: approve.");
            }

            if (risk == ByClientVerdict.Retry)
            {
                return new(IdCloudProcessOutcome.Error, ByClientOutcomeReason.RiskLevel, "Risk level retry: capture again in a new process.");
            }

            if (risk == ByClientVerdict.Inconclusive)
            {
                return new(IdCloudProcessOutcome.Inconclusive, ByClientOutcomeReason.RiskLevel, "Risk level inconclusive: review manually or capture again.");
            }

            return new(IdCloudProcessOutcome.Denied, ByClientOutcomeReason.RiskLevel, "Risk level " + risk.Value + ": deny.");
        }

        if (process.RiskLevel is not null)
        {
            return new(IdCloudProcessOutcome.Unrecognized, ByClientOutcomeReason.UnknownValue, "Unknown risk level \"" + process.RiskLevel + "\": read the raw values; never treated as approval.");
        }

        if (process.UnicoId is not { } unicoId)
        {
            return process.Document is { } document
                ? document.CpfMatch == false
                    ? new(IdCloudProcessOutcome.Denied, ByClientOutcomeReason.DocumentCpfMismatch, "The document belongs to another CPF: deny.")
                    : new(IdCloudProcessOutcome.Approved, ByClientOutcomeReason.DocumentCaptured, "The document was captured: use it.")
                : new(IdCloudProcessOutcome.Unrecognized, ByClientOutcomeReason.UnknownValue, "Finished without a unicoId result: read the raw values.");
        }

        if (unicoId == ByClientVerdict.Yes)
        {
            return new(IdCloudProcessOutcome.Approved, ByClientOutcomeReason.IdentityConfirmed, "The face belongs to the CPF holder: approve.");
        }

        if (unicoId == ByClientVerdict.No)
        {
            return new(IdCloudProcessOutcome.Denied, ByClientOutcomeReason.IdentityRejected, "The face does not belong to the CPF holder: deny.");
        }

        if (unicoId != ByClientVerdict.Inconclusive)
        {
            return new(IdCloudProcessOutcome.Unrecognized, ByClientOutcomeReason.UnknownValue, "Unknown unicoId result \"" + unicoId + "\": read the raw values; never treated as approval.");
        }

        return process.Score switch
        {
            > 0 => new(IdCloudProcessOutcome.Approved, ByClientOutcomeReason.PositiveRiskScore, "Inconclusive identity with a positive risk score: approve, or apply your own threshold."),
            < 0 => new(IdCloudProcessOutcome.Denied, ByClientOutcomeReason.NegativeRiskScore, "Inconclusive identity with a negative risk score: deny."),
            0 => new(IdCloudProcessOutcome.Inconclusive, ByClientOutcomeReason.ZeroRiskScore, "Inconclusive identity with a zero risk score: capture again in a new process or review manually."),
            null => new(IdCloudProcessOutcome.Inconclusive, ByClientOutcomeReason.IdentityInconclusive, "Inconclusive identity: capture again in a new process or review manually."),
        };
    }
}

/// <summary>The finding behind a <see cref="ByClientInterpretation"/>.</summary>
public enum ByClientOutcomeReason
{
    /// <summary>Status 1.</summary>
    Processing = 0,

    /// <summary>Status 2.</summary>
    Divergence,

    /// <summary>Status 4.</summary>
    Cancelled,

    /// <summary>Status 5 (HTTP 200 with a processing error).</summary>
    ProcessingError,

    /// <summary>Liveness 2.</summary>
    NotLive,

    /// <summary><c>identityFraudsters</c> yes.</summary>
    FraudsterMatch,

    /// <summary>The <c>riskLevel</c> result decided.</summary>
    RiskLevel,

    /// <summary><c>unicoId</c> yes.</summary>
    IdentityConfirmed,

    /// <summary><c>unicoId</c> no.</summary>
    IdentityRejected,

    /// <summary><c>unicoId</c> inconclusive without a score.</summary>
    IdentityInconclusive,

    /// <summary>Inconclusive with a positive score.</summary>
    PositiveRiskScore,

    /// <summary>Inconclusive with a negative score.</summary>
    NegativeRiskScore,

    /// <summary>Inconclusive with score 0.</summary>
    ZeroRiskScore,

    /// <summary>A document process finished with its document.</summary>
    DocumentCaptured,

    /// <summary>The document's CPF is not the subject's.</summary>
    DocumentCpfMismatch,

    /// <summary>A value this SDK version does not know decided.</summary>
    UnknownValue,
}
