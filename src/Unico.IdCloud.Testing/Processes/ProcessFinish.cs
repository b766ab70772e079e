namespace Unico.IdCloud.Testing;

/// <summary>
/// Everything a process gains when it finishes, published as one immutable object so a concurrent GetProcess sees
/// either the open process or the whole finished one, never half of it.
/// </summary>
internal sealed record ProcessFinish(
    EmulatedOutcome Outcome,
    DateTimeOffset At,
    Guid AuthenticationId,
    Guid CapturedDocumentId,
    Guid EnvelopeId,
    IReadOnlyList<EmulatedSignedDocument> SignedDocuments)
{
    /// <summary>Whether the person got as far as the selfie: every outcome but expiry.</summary>
    public bool HasCapture => Outcome != EmulatedOutcome.Expired;

    /// <summary>Signing is the journey's last step: only journeys that passed verification reach it.</summary>
    public static bool Signs(FlowProfile flow, EmulatedOutcome outcome) =>
        flow.Has(FlowFeatures.Signature) && outcome is EmulatedOutcome.Approved or EmulatedOutcome.Inconclusive or EmulatedOutcome.BehaviourAlert;

    /// <summary>Whether an identity document was captured (flows with documents, when the journey reached that step).</summary>
    public bool HasCapturedDocument(FlowProfile flow) =>
        flow.Has(FlowFeatures.Documents) && Outcome is EmulatedOutcome.Approved or EmulatedOutcome.IdentityNegative or EmulatedOutcome.Inconclusive or EmulatedOutcome.BehaviourAlert;
}
