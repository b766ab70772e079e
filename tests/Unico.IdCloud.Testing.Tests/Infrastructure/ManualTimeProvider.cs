namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>A clock that moves only when a test says so (the registry here has no FakeTimeProvider package).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
