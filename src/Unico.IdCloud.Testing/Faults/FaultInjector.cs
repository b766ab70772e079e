namespace Unico.IdCloud.Testing;

/// <summary>Per-route FIFO of injected faults; each entry applies to its next N matching requests.</summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Dictionary<EmulatorRoute, LinkedList<Entry>> _queues = [];

    public void Inject(EmulatorRoute route, EmulatedFault fault, int times)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(route, out var queue))
            {
                queue = new LinkedList<Entry>();
                _queues[route] = queue;
            }

            queue.AddLast(new Entry(fault, times));
        }
    }

    /// <summary>Takes one use of the oldest fault queued for <paramref name="route"/>, if any.</summary>
    public EmulatedFault? TakeNext(EmulatorRoute route)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(route, out var queue) || queue.First is not { } first)
            {
                return null;
            }

            var entry = first.Value;
            entry.Remaining--;
            if (entry.Remaining == 0)
            {
                queue.RemoveFirst();
            }

            return entry.Fault;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queues.Clear();
        }
    }

    private sealed class Entry(EmulatedFault fault, int times)
    {
        public EmulatedFault Fault { get; } = fault;

        public int Remaining { get; set; } = times;
    }
}
