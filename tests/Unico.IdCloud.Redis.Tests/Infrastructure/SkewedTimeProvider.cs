namespace Unico.IdCloud.Redis.Tests.Infrastructure;

/// <summary>
/// The system clock moved by a fixed offset, as on an instance whose clock is wrong. Timers and delays stay the
/// system's, so the instance still waits real time: only what it believes "now" is changes.
/// </summary>
public sealed class SkewedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
