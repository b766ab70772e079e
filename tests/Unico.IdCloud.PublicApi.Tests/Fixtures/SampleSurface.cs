using System.Diagnostics.CodeAnalysis;

// Small types with one of each kind of public surface, listed by PublicApiListerTests. They are fixtures, not API.
#pragma warning disable CA1711, CA1716, CA1003, CA1720, CA1028, CA1024, CA1040, CA1051, CA1805, CA2211, CA2225, CA1000, CA1716, CA1034, CS0067
namespace Unico.IdCloud.PublicApi.Tests.Fixtures;

[Flags]
public enum SampleFlags : byte
{
    None = 0,
    Read = 1,
    Write = 2,
}

[Obsolete("Use SampleWidget.", DiagnosticId = "SAMPLE001")]
public abstract class SampleBase
{
    protected SampleBase()
    {
    }

    public abstract string Name { get; }

    protected internal virtual void OnChanged()
    {
    }

    private protected void HiddenFromOtherAssemblies()
    {
    }

    internal void AlsoHidden()
    {
    }
}

public sealed class SampleWidget : IDisposable
{
    public const string Kind = "widget";

    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(1);

    public event EventHandler<string>? Changed;

    public string? Label { get; init; }

    public required int Size { get; set; }

    public IReadOnlyList<string?> Tags { get; } = [];

    public string this[int index] => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task<IReadOnlyDictionary<string, int?>> LoadAsync(
        string id, int retries = 3, SampleFlags flags = SampleFlags.Read, string? note = null, long? limit = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public bool TryGet(string key, [NotNullWhen(true)] out string? value)
    {
        value = key;
        return true;
    }

    public static T Pick<T>(ref T first, in T second, params T[] rest)
        where T : class, IComparable<T>, new() => first;

    public void Dispose()
    {
    }

    public class Part
    {
        public int Number { get; protected internal set; }
    }

    private sealed class Invisible
    {
        public int NotListed { get; set; }
    }
}

public interface ISampleSource<out T>
    where T : notnull
{
    T Current { get; }

    static abstract ISampleSource<T> Create();

    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default);
}

public delegate void SampleCallback(string name, ref int count);

public readonly record struct SamplePoint(int X, int Y);

public class SampleException : Exception
{
    public SampleException(string message)
        : base(message)
    {
    }
}
