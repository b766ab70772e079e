using System.Collections.Concurrent;
using System.Security.Cryptography;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>
/// The verifications started by this application, in memory (a real application keeps them in its database, tied to
/// the signed-in user). Thread-safe: the webhook handler and the pages update it concurrently.
/// </summary>
public sealed class VerificationStore
{
    private readonly ConcurrentDictionary<string, Verification> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _referenceByProcessId = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A new unguessable reference: it is the only key to a verification's pages and files.</summary>
    /// <returns>32 lower-case hex characters.</returns>
    public static string NewReference() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Adds a verification whose process was just created.</summary>
    /// <param name="verification">The verification.</param>
    public void Add(Verification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        _byReference[verification.Reference] = verification;
        _referenceByProcessId[verification.ProcessId] = verification.Reference;
    }

    /// <summary>Finds a verification by its reference.</summary>
    /// <param name="reference">The reference from the URL.</param>
    /// <returns>The verification, or null.</returns>
    public Verification? Find(string reference) => _byReference.GetValueOrDefault(reference);

    /// <summary>
    /// Records Unico's notification that a process finished, with the process the receiver read. Returns false for a
    /// process this application did not start (or has forgotten since a restart).
    /// </summary>
    /// <param name="processId">The notified process.</param>
    /// <param name="process">The process as read after the notification.</param>
    /// <param name="notifiedAt">When the notification arrived.</param>
    /// <returns>Whether the process belongs to a known verification.</returns>
    public bool RecordNotification(string processId, IdCloudProcess process, DateTimeOffset notifiedAt)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!_referenceByProcessId.TryGetValue(processId, out var reference))
        {
            return false;
        }

        _byReference.AddOrUpdate(
            reference,
            static (_, _) => throw new InvalidOperationException("A verification indexed by process id is always present."),
            static (_, current, update) => current with { Process = update.process, ProcessReadAt = update.notifiedAt, NotifiedAt = update.notifiedAt },
            (process, notifiedAt));
        return true;
    }

    /// <summary>
    /// Records a process read by a page. A finished process already recorded is never replaced by an older, still
    /// open one (a read can complete after the webhook's).
    /// </summary>
    /// <param name="reference">The verification.</param>
    /// <param name="process">The process read.</param>
    /// <param name="readAt">When it was read.</param>
    /// <returns>The verification as recorded.</returns>
    public Verification RecordRead(string reference, IdCloudProcess process, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(process);
        return _byReference.AddOrUpdate(
            reference,
            static (_, _) => throw new InvalidOperationException("Only known verifications are read."),
            static (_, current, update) => IsFinished(current.Process) && !IsFinished(update.process)
                ? current
                : current with { Process = update.process, ProcessReadAt = update.readAt },
            (process, readAt));
    }

    /// <summary>The verifications with these references that exist, newest first.</summary>
    /// <param name="references">References, for example from this browser's cookie.</param>
    /// <returns>The verifications found.</returns>
    public IReadOnlyList<Verification> FindAll(IEnumerable<string> references) =>
        [.. references.Select(Find).OfType<Verification>().OrderByDescending(v => v.StartedAt)];

    /// <summary>Whether a process has reached a final state (the webhook is sent then).</summary>
    /// <param name="process">The process, or null.</param>
    /// <returns>True when finished (or failed/canceled, deprecated final states).</returns>
    public static bool IsFinished(IdCloudProcess? process) =>
        process?.State is { } state && (state == ProcessState.Finished || state == ProcessState.Failed || state == ProcessState.Canceled);
}
