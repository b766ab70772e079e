namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Reads a by Client process following the vendor's rule: <b>only status 3 decides</b> (callers use
/// <see cref="ByClientProcess.Interpret"/>, which documents the rules). The result is the same
/// <see cref="IdCloudProcessSummary"/> a by Unico process gives, with the one finding that decided.
/// </summary>
internal static class ByClientInterpretation
{
    public static IdCloudProcessSummary Of(ByClientProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        switch (process.Status.Value)
        {
            case 1:
                return Summary(IdCloudProcessOutcome.Pending, IdCloudOutcomeReason.NotFinished, "Still processing: read it again with GetProcess in a moment.");
            case 2:
                return Summary(IdCloudProcessOutcome.Inconclusive, IdCloudOutcomeReason.Divergence, "Divergence: no verdict was given; review manually or capture again in a new process.");
            case 4:
                return Summary(IdCloudProcessOutcome.Expired, IdCloudOutcomeReason.ProcessCanceled, "The process was cancelled: create a new one.");
            case 5:
                return Summary(IdCloudProcessOutcome.Error, IdCloudOutcomeReason.ProcessingError, "The biometric processing failed: capture the selfie again and create a new process.");
            case 3:
                break;
            default:
                return Summary(IdCloudProcessOutcome.Unrecognized, IdCloudOutcomeReason.UnrecognizedValue, "Unknown status " + process.Status + ": read the raw values; never treated as approval.");
        }

        if (process.Liveness == ByClientLiveness.Failed)
        {
            return Summary(IdCloudProcessOutcome.Denied, IdCloudOutcomeReason.LivenessFailed, "No live person was in front of the camera: deny, or capture again with the person present.");
        }

        if (process.IdentityFraudsters == ByClientVerdict.Yes)
        {
            return Summary(IdCloudProcessOutcome.Denied, IdCloudOutcomeReason.FraudSignals, "The face is in Unico's base of known fraudsters: deny.");
        }

        if (process.RiskLevel is { IsKnown: true } risk)
        {
            if (risk == ByClientVerdict.Approved)
            {
                return Summary(IdCloudProcessOutcome.Approved, IdCloudOutcomeReason.RiskLevel, "Risk level approved: approve.");
            }

            if (risk == ByClientVerdict.Retry)
            {
                return Summary(IdCloudProcessOutcome.Error, IdCloudOutcomeReason.RiskLevel, "Risk level retry: capture again in a new process.");
            }

            if (risk == ByClientVerdict.Inconclusive)
            {
                return Summary(IdCloudProcessOutcome.Inconclusive, IdCloudOutcomeReason.RiskLevel, "Risk level inconclusive: review manually or capture again.");
            }

            return Summary(IdCloudProcessOutcome.Denied, IdCloudOutcomeReason.RiskLevel, "Risk level " + risk.Value + ": deny.");
        }

        if (process.RiskLevel is not null)
        {
            return Summary(IdCloudProcessOutcome.Unrecognized, IdCloudOutcomeReason.UnrecognizedValue, "Unknown risk level \"" + process.RiskLevel + "\": read the raw values; never treated as approval.");
        }

        if (process.UnicoId is not { } unicoId)
        {
            return process.Document is { } document
                ? document.CpfMatch == false
                    ? Summary(IdCloudProcessOutcome.Denied, IdCloudOutcomeReason.DocumentCpfMismatch, "The document belongs to another CPF: deny.")
                    : Summary(IdCloudProcessOutcome.Approved, IdCloudOutcomeReason.DocumentCaptured, "The document was captured: use it.")
                : Summary(IdCloudProcessOutcome.Unrecognized, IdCloudOutcomeReason.UnrecognizedValue, "Finished without a unicoId result: read the raw values.");
        }

        if (unicoId == ByClientVerdict.Yes)
        {
            return Summary(IdCloudProcessOutcome.Approved, IdCloudOutcomeReason.IdentityConfirmed, "The face belongs to the CPF holder: approve.");
        }

        if (unicoId == ByClientVerdict.No)
        {
            return Summary(IdCloudProcessOutcome.Denied, IdCloudOutcomeReason.IdentityRejected, "The face does not belong to the CPF holder: deny.");
        }

        if (unicoId != ByClientVerdict.Inconclusive)
        {
            return Summary(IdCloudProcessOutcome.Unrecognized, IdCloudOutcomeReason.UnrecognizedValue, "Unknown unicoId result \"" + unicoId + "\": read the raw values; never treated as approval.");
        }

        return process.Score switch
        {
            > 0 => Summary(IdCloudProcessOutcome.Approved, IdCloudOutcomeReason.PositiveRiskScore, "Inconclusive identity with a positive risk score: approve, or apply your own threshold."),
            < 0 => Summary(IdCloudProcessOutcome.Denied, IdCloudOutcomeReason.NegativeRiskScore, "Inconclusive identity with a negative risk score: deny."),
            0 => Summary(IdCloudProcessOutcome.Inconclusive, IdCloudOutcomeReason.ZeroRiskScore, "Inconclusive identity with a zero risk score: capture again in a new process or review manually."),
            null => Summary(IdCloudProcessOutcome.Inconclusive, IdCloudOutcomeReason.IdentityInconclusive, "Inconclusive identity: capture again in a new process or review manually."),
        };
    }

    private static IdCloudProcessSummary Summary(IdCloudProcessOutcome outcome, IdCloudOutcomeReason reason, string explanation) =>
        new(outcome, [reason], explanation);
}
