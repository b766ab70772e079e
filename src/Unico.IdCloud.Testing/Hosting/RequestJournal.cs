namespace Unico.IdCloud.Testing;

/// <summary>The request log and counters tests assert on.</summary>
internal sealed class RequestJournal
{
    private readonly object _gate = new();
    private readonly List<EmulatorRequest> _requests = [];
    private int _tokenRequests;
    private int _processCreations;

    public IReadOnlyList<EmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    public int ProcessCreationCount => Volatile.Read(ref _processCreations);

    public void Add(EmulatorRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public void CountTokenRequest() => Interlocked.Increment(ref _tokenRequests);

    public void CountProcessCreation() => Interlocked.Increment(ref _processCreations);

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            Interlocked.Exchange(ref _tokenRequests, 0);
            Interlocked.Exchange(ref _processCreations, 0);
        }
    }
}
