namespace Unico.IdCloud.Testing;

/// <summary>The signature-document knobs a test can turn while the emulator runs; read when a process finishes.</summary>
internal sealed class SignedDocumentSettings
{
    private long _fileSize;
    private long _evidenceSize;
    private int _notReadyRequests;

    public long FileSize
    {
        get => Interlocked.Read(ref _fileSize);
        set => Interlocked.Exchange(ref _fileSize, value);
    }

    public long EvidenceSize
    {
        get => Interlocked.Read(ref _evidenceSize);
        set => Interlocked.Exchange(ref _evidenceSize, value);
    }

    public int NotReadyRequests
    {
        get => Volatile.Read(ref _notReadyRequests);
        set => Volatile.Write(ref _notReadyRequests, value);
    }
}
