using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>Reads a process the way Unico advises. See <see cref="Interpret"/>.</summary>
public static class IdCloudProcessInterpretation
{
    /// <summary>
    /// Summarises a process following Unico's rule — act only when the state is <c>FINISHED</c> and the result
    /// <c>OK</c>, then read <c>authenticationInfo</c> — and its response-scenario table. This is advice, not a
    /// decision: the raw values stay on the summary for your own policy.
    /// </summary>
    /// <remarks>
    /// <para>In order:</para>
    /// <list type="number">
    /// <item><c>CREATED</c>, <c>UNSPECIFIED</c> or no state → <see cref="IdCloudProcessOutcome.Pending"/>;
    /// <c>FAILED</c>/<c>CANCELED</c> → <see cref="IdCloudProcessOutcome.Error"/>; an unknown state →
    /// <see cref="IdCloudProcessOutcome.Unrecognized"/>.</item>
    /// <item><c>FINISHED</c> with <c>ERROR</c> (or no result) → Error; <c>EXPIRED</c> → Expired; <c>REFUSED</c> →
    /// Denied; <c>WARNING</c> → Inconclusive; an unknown result → Unrecognized.</item>
    /// <item>With <c>OK</c> or <c>INVALID_IDENTITY</c>, the capabilities the flow runs (<see cref="Flow.Capabilities"/>)
    /// are read: a negative liveness, identity or 1:1 result → Denied; a capability the flow runs left
    /// <c>UNSPECIFIED</c> → Error (Unico: "error processing the response, retry"); an unknown value → Unrecognized.</item>
    /// <item>Identity positive (or 1:1 matched, or a liveness-only flow live) → Approved, unless the behaviour alert
    /// says <c>YES</c> (signs of fraud) → Inconclusive. <c>INVALID_IDENTITY</c> is never approved: without a negative
    /// finding it is Error.</item>
    /// <item>Identity inconclusive: with the risk score enabled, a negative score → Denied (Unico: "Reprove"), a
    /// positive score → Approved unless a fraud signal (then Inconclusive), zero → Inconclusive (Unico: "Retry");
    /// without a score → Inconclusive.</item>
    /// </list>
    /// <para>
    /// Inferences beyond the vendor's table: a positive identity with a fraud signal is not approved; for 1:1 flows
    /// the verdict is <c>bioTokenEngineResult</c> when set, else <c>authenticationResult</c>; an unknown flow whose
    /// identity results are all <c>UNSPECIFIED</c> is Unrecognized (its capabilities cannot be told).
    /// </para>
    /// </remarks>
    /// <param name="process">The process as read with <c>GetProcess</c> (or returned by the waiter).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="process"/> is <see langword="null"/>.</exception>
    public static IdCloudProcessSummary Interpret(this IdCloudProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var reasons = new List<IdCloudOutcomeReason>();
        var outcome = Decide(process, reasons);
        return new IdCloudProcessSummary(process, outcome, reasons.AsReadOnly(), Explain(outcome, reasons));
    }

    private static IdCloudProcessOutcome Decide(IdCloudProcess process, List<IdCloudOutcomeReason> reasons)
    {
        var state = process.State;
        if (state == ProcessState.Created || state == ProcessState.Unspecified || state.Value.Length == 0)
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
        if (info?.ScoreEnabled == ScoreEnabled.True)
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

    private static string Explain(IdCloudProcessOutcome outcome, List<IdCloudOutcomeReason> reasons)
    {
        var lead = outcome switch
        {
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
