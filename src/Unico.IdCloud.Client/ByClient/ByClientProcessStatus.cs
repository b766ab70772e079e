using System.Diagnostics;
using System.Globalization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The numeric status of a by Client process. Only <see cref="Finished"/> carries a decision; a biometric processing
/// error is HTTP 200 with <see cref="Error"/>. Extensible: any other number is kept (<see cref="IsKnown"/> false).
/// </summary>
[DebuggerDisplay("{Value}")]
public readonly record struct ByClientProcessStatus(int Value)
{
    /// <summary>1: still processing (document processes; capabilities that arrive later).</summary>
    public static readonly ByClientProcessStatus Processing = new(1);

    /// <summary>2: divergence; no verdict.</summary>
    public static readonly ByClientProcessStatus Divergence = new(2);

    /// <summary>3: finished; the only status whose results decide.</summary>
    public static readonly ByClientProcessStatus Finished = new(3);

    /// <summary>4: cancelled.</summary>
    public static readonly ByClientProcessStatus Cancelled = new(4);

    /// <summary>5: the biometric processing failed (answered with HTTP 200).</summary>
    public static readonly ByClientProcessStatus Error = new(5);

    /// <summary>Whether <see cref="Value"/> is 1 to 5.</summary>
    public bool IsKnown => Value is >= 1 and <= 5;

    /// <summary>The number and, when known, its meaning.</summary>
    /// <returns>E.g. <c>3 (finished)</c>.</returns>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + Value switch
    {
        1 => " (processing)",
        2 => " (divergence)",
        3 => " (finished)",
        4 => " (cancelled)",
        5 => " (error)",
        _ => " (unknown)",
    };
}
