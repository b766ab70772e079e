namespace Unico.IdCloud.Testing;

/// <summary>
/// A document signed in a finished e-signature process, served by the signature API. It may be scripted to be
/// "not ready yet" for its first requests, like the real service right after a process finishes.
/// </summary>
internal sealed class EmulatedSignedDocument
{
    private int _fileNotReady;
    private int _evidenceNotReady;

    public EmulatedSignedDocument(Guid id, string name, EmulatedProcess process, Guid envelopeId, DateTimeOffset signedAt, long fileSize, long evidenceSize, int notReadyRequests)
    {
        Id = id;
        Name = name;
        Process = process;
        EnvelopeId = envelopeId;
        SignedAt = signedAt;
        FileSize = fileSize;
        EvidenceSize = evidenceSize;
        _fileNotReady = notReadyRequests;
        _evidenceNotReady = notReadyRequests;
    }

    public Guid Id { get; }

    public string Name { get; }

    public EmulatedProcess Process { get; }

    public Guid EnvelopeId { get; }

    public DateTimeOffset SignedAt { get; }

    public long FileSize { get; }

    public long EvidenceSize { get; }

    /// <summary>Counts one file request; true while the document should still look absent.</summary>
    public bool TakeFileNotReady() => Interlocked.Decrement(ref _fileNotReady) >= 0;

    /// <summary>Counts one evidence request; true while the evidence should still look absent.</summary>
    public bool TakeEvidenceNotReady() => Interlocked.Decrement(ref _evidenceNotReady) >= 0;
}
