using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// Reads a by Unico process the way Unico advises; callers use <see cref="IdCloudProcess.Interpret"/>. The rules are
/// documented there.
/// </summary>
internal static class IdCloudProcessInterpretation
{
    /// <summary>The summary of <paramref name="process"/>; see <see cref="IdCloudProcess.Interpret"/>.</summary>
    public static IdCloudProcessSummary Of(IdCloudProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var reasons = new List<IdCloudOutcomeReason>();
        var outcome = Decide(process, reasons);
        return new IdCloudProcessSummary(outcome, reasons.AsReadOnly(), Explain(outcome, reasons, process.State));
    }

    private static IdCloudProcessOutcome Decide(IdCloudProcess process, List<IdCloudOutcomeReason> reasons)
    {
        var state = process.State;
        // AWAITING_FOR_DOCUMENT: not finished either; the process waits for the person's document, which only the
        // integrator can send (SetProcessDocument).
        if (state == ProcessState.Created || state == ProcessState.AwaitingForDocument || state == ProcessState.Unspecified || state.Value.Length == 0)
        {
            reasons.Add(IdCloudOutcomeReason.NotFinished);
            return IdCloudProcessOutcome.Pending;
        }

        if (state == ProcessState.Failed)
        {
            reasons.Add(IdCloudOutcomeReason.ProcessFailed);
            return IdCloudProcessOutcome.Error;
        }

        if (state == ProcessState.Canceled)
        {
            reasons.Add(IdCloudOutcomeReason.ProcessCanceled);
            return IdCloudProcessOutcome.Error;
        }

        if (state != ProcessState.Finished)
        {
            reasons.Add(IdCloudOutcomeReason.UnrecognizedValue);
            return IdCloudProcessOutcome.Unrecognized;
        }

        var result = process.Result;
        if (result is null || result == ProcessResult.Unspecified || result == ProcessResult.Error)
        {
            reasons.Add(IdCloudOutcomeReason.ProcessingError);
            return IdCloudProcessOutcome.Error;
        }

        if (result == ProcessResult.Expired)
        {
            reasons.Add(IdCloudOutcomeReason.ProcessExpired);
            return IdCloudProcessOutcome.Expired;
        }

        if (result == ProcessResult.Refused)
        {
            reasons.Add(IdCloudOutcomeReason.ResultRefused);
            return IdCloudProcessOutcome.Denied;
        }

        if (result == ProcessResult.Warning)
        {
            reasons.Add(IdCloudOutcomeReason.ResultWarning);
            return IdCloudProcessOutcome.Inconclusive;
        }

        var invalidIdentity = result == ProcessResult.InvalidIdentity;
        if (!invalidIdentity && result != ProcessResult.Ok)
        {
            reasons.Add(IdCloudOutcomeReason.UnrecognizedValue);
            return IdCloudProcessOutcome.Unrecognized;
        }

        if (invalidIdentity)
        {
            reasons.Add(IdCloudOutcomeReason.ResultInvalidIdentity);
        }

        return DecideFromCapabilities(process, invalidIdentity, reasons);
    }

    private static IdCloudProcessOutcome DecideFromCapabilities(IdCloudProcess process, bool invalidIdentity, List<IdCloudOutcomeReason> reasons)
    {
        var info = process.AuthenticationInfo;
        var capabilities = process.Flow?.Capabilities ?? FlowCapabilities.None;
        var flowKnown = capabilities != FlowCapabilities.None;

        // Liveness: every known by Unico flow runs it; an unknown flow is read as running it too.
        var liveness = Read(info?.LivenessResult, LivenessResult.Unspecified, LivenessResult.Live, LivenessResult.NotLive);
        var denied = false;
        var failed = false;
        var unrecognized = false;
        switch (liveness)
        {
            case Reading.Positive: reasons.Add(IdCloudOutcomeReason.LivenessConfirmed); break;
            case Reading.Negative: reasons.Add(IdCloudOutcomeReason.LivenessFailed); denied = true; break;
            case Reading.Unknown: reasons.Add(IdCloudOutcomeReason.UnrecognizedValue); unrecognized = true; break;
            default:
                if (!flowKnown || capabilities.HasFlag(FlowCapabilities.Liveness))
                {
                    reasons.Add(IdCloudOutcomeReason.LivenessNotEvaluated);
                    failed = true;
                }

                break;
        }

        // Identity: identity verification (authenticationResult) or 1:1 validation (bioTokenEngineResult, falling back
        // to authenticationResult when the engine result is not set).
        var authentication = Read(info?.AuthenticationResult, AuthenticationResult.Unspecified, AuthenticationResult.Positive, AuthenticationResult.Negative, AuthenticationResult.Inconclusive);
        var bioToken = Read(info?.BioTokenEngineResult, BioTokenEngineResult.Unspecified, BioTokenEngineResult.Positive, BioTokenEngineResult.Negative);
        var identity = Reading.NotSet;
        if (bioToken != Reading.NotSet)
        {
            identity = bioToken;
            reasons.Add(bioToken switch
            {
                Reading.Positive => IdCloudOutcomeReason.OneToOneConfirmed,
                Reading.Negative => IdCloudOutcomeReason.OneToOneRejected,
                _ => IdCloudOutcomeReason.UnrecognizedValue,
            });
        }

        if (authentication != Reading.NotSet && (identity == Reading.NotSet || identity == Reading.Positive))
        {
            // A set authenticationResult is always read; a negative or inconclusive one outweighs a 1:1 match.
            identity = identity == Reading.Positive && authentication == Reading.Positive ? Reading.Positive : authentication;
            reasons.Add(authentication switch
            {
                Reading.Positive => IdCloudOutcomeReason.IdentityConfirmed,
                Reading.Negative => IdCloudOutcomeReason.IdentityRejected,
                Reading.Inconclusive => IdCloudOutcomeReason.IdentityInconclusive,
                _ => IdCloudOutcomeReason.UnrecognizedValue,
            });
        }

        var identityExpected = capabilities.HasFlag(FlowCapabilities.IdentityVerification) || capabilities.HasFlag(FlowCapabilities.OneToOneValidation);
        switch (identity)
        {
            case Reading.Negative: denied = true; break;
            case Reading.Unknown: unrecognized = true; break;
            case Reading.NotSet when !flowKnown:
                reasons.Add(IdCloudOutcomeReason.UnknownFlow);
                unrecognized = true;
                break;
            case Reading.NotSet when identityExpected:
                reasons.Add(IdCloudOutcomeReason.IdentityNotEvaluated);
                failed = true;
                break;
            default: break;
        }

        var trust = Read(info?.IdentityFraudstersResult, TrustResult.Unspecified, TrustResult.Yes, TrustResult.Inconclusive);
        switch (trust)
        {
            case Reading.Positive: reasons.Add(IdCloudOutcomeReason.FraudSignals); break;
            case Reading.Negative: reasons.Add(IdCloudOutcomeReason.NoFraudSignals); break;
            case Reading.Unknown: reasons.Add(IdCloudOutcomeReason.UnrecognizedValue); unrecognized = true; break;
            default: break;
        }

        var fraudSignals = trust == Reading.Positive;
        double? score = null;
        if (info?.ScoreEnabled == true)
        {
            score = info.Score ?? 0;
            reasons.Add(score switch
            {
                > 0 => IdCloudOutcomeReason.PositiveRiskScore,
                < 0 => IdCloudOutcomeReason.NegativeRiskScore,
                _ => IdCloudOutcomeReason.ZeroRiskScore,
            });
        }

        if (denied)
        {
            return IdCloudProcessOutcome.Denied;
        }

        if (failed)
        {
            return IdCloudProcessOutcome.Error;
        }

        if (unrecognized)
        {
            return IdCloudProcessOutcome.Unrecognized;
        }

        if (identity == Reading.Inconclusive)
        {
            return score switch
            {
                < 0 => IdCloudProcessOutcome.Denied,
                > 0 when !fraudSignals && !invalidIdentity => IdCloudProcessOutcome.Approved,
                _ => IdCloudProcessOutcome.Inconclusive,
            };
        }

        if (invalidIdentity)
        {
            // INVALID_IDENTITY without a negative finding: Unico's table says "error processing, retry"; never approve it.
            return IdCloudProcessOutcome.Error;
        }

        return fraudSignals ? IdCloudProcessOutcome.Inconclusive : IdCloudProcessOutcome.Approved;
    }

    private static Reading Read<T>(T? value, T unspecified, T positive, T negative, T? inconclusive = null)
        where T : struct, IEquatable<T>, IExtensibleEnumValue<T>
    {
        if (value is not { } actual || actual.Equals(unspecified) || actual.Value.Length == 0)
        {
            return Reading.NotSet;
        }

        if (actual.Equals(positive))
        {
            return Reading.Positive;
        }

        if (actual.Equals(negative))
        {
            return Reading.Negative;
        }

        return inconclusive is { } middle && actual.Equals(middle) ? Reading.Inconclusive : Reading.Unknown;
    }

    private static string Explain(IdCloudProcessOutcome outcome, List<IdCloudOutcomeReason> reasons, ProcessState state)
    {
        var lead = outcome switch
        {
            IdCloudProcessOutcome.Pending when state == ProcessState.AwaitingForDocument =>
                "Pending: the process waits for the person's document (AWAITING_FOR_DOCUMENT); send it with SetProcessDocument",
            IdCloudProcessOutcome.Pending => "Pending: the person has not finished the journey yet; wait",
            IdCloudProcessOutcome.Approved => "Approved",
            IdCloudProcessOutcome.Denied => "Denied",
            IdCloudProcessOutcome.Inconclusive => "Inconclusive: not enough evidence either way; try again in a new process or review manually",
            IdCloudProcessOutcome.Expired => "Expired: the journey was not completed in time; create a new process",
            IdCloudProcessOutcome.Error => "Error: the service could not process the journey or a result; create a new process",
            _ => "Unrecognized: a value this SDK version does not know decides the outcome; read the raw values",
        };
        var details = reasons.Where(r => r != IdCloudOutcomeReason.NotFinished).Select(Describe).ToList();
        return details.Count == 0 ? lead + "." : $"{lead} ({string.Join("; ", details)}).";
    }

    private static string Describe(IdCloudOutcomeReason reason) => reason switch
    {
        IdCloudOutcomeReason.ProcessFailed => "the process failed",
        IdCloudOutcomeReason.ProcessCanceled => "the process was cancelled",
        IdCloudOutcomeReason.ProcessingError => "the service reported a processing error",
        IdCloudOutcomeReason.ProcessExpired => "the process expired",
        IdCloudOutcomeReason.ResultRefused => "the result is REFUSED",
        IdCloudOutcomeReason.ResultWarning => "the result is WARNING",
        IdCloudOutcomeReason.ResultInvalidIdentity => "the result is INVALID_IDENTITY",
        IdCloudOutcomeReason.LivenessConfirmed => "the person was live",
        IdCloudOutcomeReason.LivenessFailed => "the person was not live",
        IdCloudOutcomeReason.LivenessNotEvaluated => "no liveness result",
        IdCloudOutcomeReason.IdentityConfirmed => "the face belongs to the CPF holder",
        IdCloudOutcomeReason.IdentityRejected => "the face does not belong to the CPF holder",
        IdCloudOutcomeReason.IdentityInconclusive => "identity inconclusive",
        IdCloudOutcomeReason.IdentityNotEvaluated => "no identity result",
        IdCloudOutcomeReason.OneToOneConfirmed => "the 1:1 validation matched",
        IdCloudOutcomeReason.OneToOneRejected => "the 1:1 validation did not match",
        IdCloudOutcomeReason.FraudSignals => "the behaviour alert found signs of fraud",
        IdCloudOutcomeReason.NoFraudSignals => "no sign of fraud",
        IdCloudOutcomeReason.PositiveRiskScore => "positive risk score",
        IdCloudOutcomeReason.NegativeRiskScore => "negative risk score",
        IdCloudOutcomeReason.ZeroRiskScore => "risk score zero",
        IdCloudOutcomeReason.UnrecognizedValue => "a value unknown to this SDK version",
        IdCloudOutcomeReason.UnknownFlow => "a flow unknown to this SDK version",
        _ => reason.ToString(),
    };

    private enum Reading
    {
        NotSet,
        Positive,
        Negative,
        Inconclusive,
        Unknown,
    }
}
