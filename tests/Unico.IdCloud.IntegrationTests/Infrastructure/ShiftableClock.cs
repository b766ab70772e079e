namespace Unico.IdCloud.IntegrationTests.Infrastructure;

/// <summary>
/// The system clock moved by an offset the test controls: "now" jumps (token expiry, clock skew between client and
/// server) while timers and timeouts keep running in real time, so real sockets and retries still work. This is the one
/// clock that is not FakeTimeProvider: a FakeTimeProvider's timers fire only when a test advances it, which would stall
/// Kestrel-facing timeouts in these end-to-end tests.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
