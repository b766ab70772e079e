namespace Unico.IdCloud.Testing;

/// <summary>
/// Moves processes from CREATED to FINISHED (scripted by a test, or EXPIRED when the emulator's clock passes
/// <c>expiresAt</c>) and announces it through the webhook.
/// </summary>
internal sealed class ProcessLifecycle
{
    private readonly ProcessStore _store;
    private readonly TimeProvider _time;
    private readonly WebhookSender _webhooks;
    private readonly SignedDocumentSettings _signing;

    public ProcessLifecycle(ProcessStore store, TimeProvider time, WebhookSender webhooks, SignedDocumentSettings signing)
    {
        _store = store;
        _time = time;
        _webhooks = webhooks;
        _signing = signing;
    }

    public bool TryFinish(EmulatedProcess process, EmulatedOutcome outcome)
    {
        var finished = _store.TryFinish(process, () =>
        {
            var now = _time.GetUtcNow();
            var envelopeId = Guid.Empty;
            IReadOnlyList<EmulatedSignedDocument> signed = [];
            if (ProcessFinish.Signs(process.Flow, outcome))
            {
                envelopeId = Guid.NewGuid();
                var fileSize = _signing.FileSize;
                var evidenceSize = _signing.EvidenceSize;
                var notReady = _signing.NotReadyRequests;
                signed = [.. process.PayloadDocumentNames.Select(name =>
                    new EmulatedSignedDocument(Guid.NewGuid(), name, process, envelopeId, now, fileSize, evidenceSize, notReady))];
            }

            return new ProcessFinish(outcome, now, Guid.NewGuid(), Guid.NewGuid(), envelopeId, signed);
        });
        if (finished)
        {
            _webhooks.Enqueue(new WebhookNotification(process.IdText, process.Flow.Name, outcome == EmulatedOutcome.Expired));
        }

        return finished;
    }

    /// <summary>A process nobody finished expires when the emulator's clock reaches <c>expiresAt</c>, as on the real service.</summary>
    public void ExpireIfDue(EmulatedProcess process)
    {
        if (!process.IsFinished && _time.GetUtcNow() >= process.ExpiresAt)
        {
            TryFinish(process, EmulatedOutcome.Expired);
        }
    }
}
