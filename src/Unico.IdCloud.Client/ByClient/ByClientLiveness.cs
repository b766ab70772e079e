using System.Diagnostics;
using System.Globalization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The liveness verdict (<c>liveness</c>): 1 passed, 2 failed. The vendor omits it when <c>unicoId</c> is yes and
/// always reports 1 when liveness is not contracted. Extensible: any other number is kept.
/// </summary>
[DebuggerDisplay("{Value}")]
public readonly record struct ByClientLiveness(int Value)
{
    /// <summary>1: a live person was in front of the camera.</summary>
    public static readonly ByClientLiveness Passed = new(1);

    /// <summary>2: no live person (a photo, a screen, a mask).</summary>
    public static readonly ByClientLiveness Failed = new(2);

    /// <summary>Whether <see cref="Value"/> is 1 or 2.</summary>
    public bool IsKnown => Value is 1 or 2;

    /// <summary>The number and, when known, its meaning.</summary>
    /// <returns>E.g. <c>1 (passed)</c>.</returns>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + Value switch
    {
        1 => " (passed)",
        2 => " (failed)",
        _ => " (unknown)",
    };
}
