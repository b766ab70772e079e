namespace Unico.IdCloud.Testing;

/// <summary>
/// The wire values each <see cref="EmulatedOutcome"/> produces, from the vendor's response scenarios
/// (unico-api-facts.md §3; devcenter "Response Scenarios": a refused identity and a failed liveness are
/// <c>PROCESS_RESULT_INVALID_IDENTITY</c>, approved and inconclusive ones <c>PROCESS_RESULT_OK</c>). Capabilities a flow
/// does not have come back <c>*_UNSPECIFIED</c>, as documented.
/// </summary>
internal sealed record OutcomeResults(
    string Result,
    string? AuthenticationResult,
    string? LivenessResult,
    string? TrustResult,
    int? Score,
    int? SerproScore)
{
    public static OutcomeResults For(EmulatedOutcome outcome, FlowProfile flow)
    {
        var trustNoSigns = flow.Has(FlowFeatures.BehaviourAlert) ? "TRUST_RESULT_INCONCLUSIVE" : "TRUST_RESULT_UNSPECIFIED";
        var scored = flow.Has(FlowFeatures.RiskScore);
        var serpro = flow.Has(FlowFeatures.Serpro);
        return outcome switch
        {
            EmulatedOutcome.Approved => new("PROCESS_RESULT_OK", "AUTHENTICATION_RESULT_POSITIVE", "LIVENESS_RESULT_LIVE", trustNoSigns, scored ? 50 : null, serpro ? 95 : null),
            EmulatedOutcome.IdentityNegative => new("PROCESS_RESULT_INVALID_IDENTITY", "AUTHENTICATION_RESULT_NEGATIVE", "LIVENESS_RESULT_LIVE", trustNoSigns, scored ? -50 : null, serpro ? 10 : null),
            EmulatedOutcome.Inconclusive => new("PROCESS_RESULT_OK", "AUTHENTICATION_RESULT_INCONCLUSIVE", "LIVENESS_RESULT_LIVE", trustNoSigns, scored ? 10 : null, serpro ? 50 : null),
            EmulatedOutcome.LivenessFailed => new("PROCESS_RESULT_INVALID_IDENTITY", "AUTHENTICATION_RESULT_UNSPECIFIED", "LIVENESS_RESULT_NOT_LIVE", "TRUST_RESULT_UNSPECIFIED", scored ? 0 : null, null),
            EmulatedOutcome.BehaviourAlert => new("PROCESS_RESULT_OK", "AUTHENTICATION_RESULT_POSITIVE", "LIVENESS_RESULT_LIVE", "TRUST_RESULT_YES", scored ? 50 : null, serpro ? 95 : null),
            EmulatedOutcome.Expired => new("PROCESS_RESULT_EXPIRED", null, null, null, null, null),
            EmulatedOutcome.ProcessingError => new("PROCESS_RESULT_ERROR", null, null, null, null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
        };
    }

    /// <summary>Whether <c>authenticationInfo</c> carries verdicts (it is <c>{}</c> for expired and failed processes).</summary>
    public bool HasVerdict => AuthenticationResult is not null;
}
