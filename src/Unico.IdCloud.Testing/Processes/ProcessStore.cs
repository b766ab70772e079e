namespace Unico.IdCloud.Testing;

/// <summary>Every process and signed document the emulator holds. One lock: the emulator serves tests, not traffic.</summary>
internal sealed class ProcessStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, EmulatedProcess> _processes = [];
    private readonly List<string> _creationOrder = [];
    private readonly Dictionary<Guid, EmulatedSignedDocument> _documents = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _creationOrder.Count;
            }
        }
    }

    public IReadOnlyList<string> Ids
    {
        get
        {
            lock (_gate)
            {
                return [.. _creationOrder];
            }
        }
    }

    public void Add(EmulatedProcess process)
    {
        lock (_gate)
        {
            _processes.Add(process.Id, process);
            _creationOrder.Add(process.IdText);
        }
    }

    public EmulatedProcess? Find(Guid id)
    {
        lock (_gate)
        {
            return _processes.GetValueOrDefault(id);
        }
    }

    public EmulatedSignedDocument? FindDocument(Guid id)
    {
        lock (_gate)
        {
            return _documents.GetValueOrDefault(id);
        }
    }

    /// <summary>Sets the document of a process that awaits one. False when it does not (any more).</summary>
    public bool TrySetDocument(EmulatedProcess process, string duiType, string duiValue)
    {
        lock (_gate)
        {
            if (!process.AwaitsDocument)
            {
                return false;
            }

            process.SetDocument(duiType, duiValue);
            return true;
        }
    }

    /// <summary>Moves a CREATED process to FINISHED. False when it had already finished.</summary>
    public bool TryFinish(EmulatedProcess process, Func<ProcessFinish> finish)
    {
        lock (_gate)
        {
            if (process.IsFinished)
            {
                return false;
            }

            var finished = finish();
            process.MarkFinished(finished);
            foreach (var document in finished.SignedDocuments)
            {
                _documents.Add(document.Id, document);
            }

            return true;
        }
    }
}
