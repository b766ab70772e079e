namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>
/// A <see cref="Random"/> whose every draw sits at the same point of its range (0 = the minimum, just under 1 = the
/// maximum), so a test can pin the assertion's <c>exp</c> and the replay jitter the token provider draws.
/// </summary>
internal sealed class FixedRandom(double point) : Random
{
    public override double NextDouble() => point;

    public override long NextInt64(long minValue, long maxValue) => minValue + (long)(point * (maxValue - minValue));

    protected override double Sample() => point;
}
