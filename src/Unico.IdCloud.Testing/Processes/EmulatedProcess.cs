namespace Unico.IdCloud.Testing;

/// <summary>One by Unico process and its state: CREATED, then FINISHED with a result once a test finishes it.</summary>
internal sealed class EmulatedProcess
{
    public required Guid Id { get; init; }

    public string IdText => Id.ToString("D");

    /// <summary>The tenant of the token that created it; other tenants cannot see it.</summary>
    public required string TenantId { get; init; }

    public required FlowProfile Flow { get; init; }

    public required string Purpose { get; init; }

    public required string CallbackUri { get; init; }

    public required PersonData? Person { get; init; }

    public string? ClientReference { get; init; }

    public string? CompanyBranchId { get; init; }

    public required IReadOnlyList<string> PayloadDocumentNames { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string UserRedirectUrl { get; init; }

    public required string BranchId { get; init; }

    /// <summary>The SDK/iframe token while the process is open; the real service answers "" once it finished.</summary>
    public required string JourneyToken { get; init; }

    // Set once, under the store's lock, when the process finishes.
    public EmulatedOutcome? Outcome { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public Guid AuthenticationId { get; private set; }

    public Guid EnvelopeId { get; private set; }

    public Guid CapturedDocumentId { get; private set; }

    public IReadOnlyList<EmulatedSignedDocument> SignedDocuments { get; private set; } = [];

    public bool IsFinished => Outcome is not null;

    /// <summary>Whether the person got as far as the selfie: every outcome but expiry.</summary>
    public bool HasCapture => Outcome is not null and not EmulatedOutcome.Expired;

    /// <summary>Whether an identity document was captured (flows with documents, when the journey reached that step).</summary>
    public bool HasCapturedDocument =>
        Flow.Has(FlowFeatures.Documents) && Outcome is EmulatedOutcome.Approved or EmulatedOutcome.IdentityNegative or EmulatedOutcome.Inconclusive or EmulatedOutcome.BehaviourAlert;

    public void Finish(EmulatedOutcome outcome, DateTimeOffset finishedAt, Func<EmulatedProcess, IReadOnlyList<EmulatedSignedDocument>> sign)
    {
        Outcome = outcome;
        FinishedAt = finishedAt;
        AuthenticationId = Guid.NewGuid();
        CapturedDocumentId = Guid.NewGuid();

        // Signing is the journey's last step: only journeys that passed verification reach it.
        var signs = Flow.Has(FlowFeatures.Signature)
            && outcome is EmulatedOutcome.Approved or EmulatedOutcome.Inconclusive or EmulatedOutcome.BehaviourAlert;
        if (signs)
        {
            EnvelopeId = Guid.NewGuid();
            SignedDocuments = sign(this);
        }
    }
}
