using System.Collections.Concurrent;

namespace Unico.IdCloud.Testing;

/// <summary>
/// Moves processes from CREATED to FINISHED (scripted by a test, or EXPIRED when the emulator's clock passes
/// <c>expiresAt</c>) and announces it through the webhook.
/// </summary>
internal sealed class ProcessLifecycle : IDisposable
{
    /// <summary>
    /// The longest a single expiry timer waits; a later <c>expiresAt</c> is reached in several steps (timers cannot
    /// wait arbitrarily long, and <c>expiresIn</c> is the caller's choice).
    /// </summary>
    private static readonly TimeSpan MaxTimerStep = TimeSpan.FromDays(30);

    private readonly ProcessStore _store;
    private readonly TimeProvider _time;
    private readonly WebhookSender _webhooks;
    private readonly SignedDocumentSettings _signing;
    private readonly ConcurrentDictionary<Guid, ITimer> _expiryTimers = new();
    private volatile bool _disposed;

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
            if (_expiryTimers.TryRemove(process.Id, out var timer))
            {
                timer.Dispose();
            }

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

    /// <summary>
    /// Expires the process when the emulator's clock reaches <c>expiresAt</c> even if nobody reads it: Unico notifies
    /// the webhook when a process finishes, expiry included (<c>lastEvent</c> says so), so a receiver under test must
    /// get that notification without a GetProcess call to trigger it. Reads still expire a due process at once
    /// (<see cref="ExpireIfDue"/>), so the answer never depends on when the timer runs.
    /// </summary>
    public void ScheduleExpiry(EmulatedProcess process)
    {
        if (_disposed || process.IsFinished)
        {
            return;
        }

        var due = process.ExpiresAt - _time.GetUtcNow();
        due = due < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : due > MaxTimerStep ? MaxTimerStep : due;
        var timer = _time.CreateTimer(static state => ((ExpiryTimerState)state!).Fire(), new ExpiryTimerState(this, process), due, Timeout.InfiniteTimeSpan);
        if (_expiryTimers.TryGetValue(process.Id, out var previous))
        {
            previous.Dispose();
        }

        _expiryTimers[process.Id] = timer;
        if (_disposed && _expiryTimers.TryRemove(process.Id, out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CancelScheduledExpiries();
    }

    /// <summary>
    /// Stops the expiry timers of the processes created so far (<see cref="IdCloudEmulator.Reset"/>): a fixture shares
    /// one emulator between tests, and a process an earlier test left open must not send its expiry webhook into a
    /// later test's delivery log. Those processes still expire when read past <c>expiresAt</c>.
    /// </summary>
    public void CancelScheduledExpiries()
    {
        foreach (var id in _expiryTimers.Keys)
        {
            if (_expiryTimers.TryRemove(id, out var timer))
            {
                timer.Dispose();
            }
        }
    }

    private void OnExpiryTimer(EmulatedProcess process)
    {
        if (_disposed)
        {
            return;
        }

        ExpireIfDue(process);
        if (!process.IsFinished)
        {
            // A long expiresIn is waited for in steps of MaxTimerStep.
            ScheduleExpiry(process);
        }
    }

    private sealed class ExpiryTimerState(ProcessLifecycle owner, EmulatedProcess process)
    {
        public void Fire() => owner.OnExpiryTimer(process);
    }
}
