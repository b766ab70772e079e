using System.Collections;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The capabilities a process used (<c>process.capacities</c>) as read from JSON, flattened into one list whatever shape
/// the API sent. Internal: <see cref="IdCloudProcess.Capacities"/> is an <see cref="IReadOnlyList{T}"/>, and this is the
/// list <see cref="ProcessCapacityListJsonConverter"/> reads into.
/// </summary>
/// <remarks>
/// The vendor's CreateProcess example nests the list (<c>"capacities": [["PROCESS_CAPACITY_IDUNICO", ...]]</c>) while
/// GetProcess sends a flat array. Both are read; the items are exposed flat, and the list remembers the shape it was
/// read in so that serializing it writes the same shape back (<see cref="IsNested"/>). Any other list (one built in
/// code) is written flat.
/// </remarks>
internal sealed class ProcessCapacityList : IReadOnlyList<ProcessCapacity>
{
    private readonly ProcessCapacity[] _items;

    /// <summary>Creates a flat list.</summary>
    /// <param name="items">The capabilities.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is <see langword="null"/>.</exception>
    public ProcessCapacityList(IEnumerable<ProcessCapacity> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    private ProcessCapacityList(ProcessCapacity[] items, int[]? shape)
    {
        _items = items;
        Shape = shape;
    }

    /// <summary>Whether the list was read as an array of arrays and will be written back that way.</summary>
    public bool IsNested => Shape is not null;

    /// <summary>The number of capabilities (after flattening).</summary>
    public int Count => _items.Length;

    /// <summary>Gets a capability by its position in the flattened list.</summary>
    /// <param name="index">The position.</param>
    public ProcessCapacity this[int index] => _items[index];

    /// <summary>
    /// For each top-level JSON element as read: -1 for a plain string, otherwise the length of the nested array.
    /// <see langword="null"/> when every element was a plain string.
    /// </summary>
    internal int[]? Shape { get; }

    /// <summary>Whether the list contains <paramref name="capacity"/>.</summary>
    /// <param name="capacity">The capability to look for.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(ProcessCapacity capacity) => Array.IndexOf(_items, capacity) >= 0;

    /// <inheritdoc />
    public IEnumerator<ProcessCapacity> GetEnumerator() => ((IEnumerable<ProcessCapacity>)_items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the capabilities (wire values; they are not personal data).</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"[{string.Join(", ", _items)}]";

    internal static ProcessCapacityList FromJson(ProcessCapacity[] items, int[]? shape) => new(items, shape);

    internal ReadOnlySpan<ProcessCapacity> Items => _items;
}
