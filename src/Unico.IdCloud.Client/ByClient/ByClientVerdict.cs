using System.Diagnostics;
using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// A verdict of a by Client process: the three capabilities that answer with a <c>{"result": "..."}</c> object share
/// it. <see cref="ByClientProcess.UnicoId"/> (<c>unicoId.result</c>: whether the face belongs to the CPF holder) is
/// <see cref="Yes"/>, <see cref="No"/> or <see cref="Inconclusive"/>; <see cref="ByClientProcess.IdentityFraudsters"/>
/// (<c>identityFraudsters.result</c>, the fraudsters-base check, which may arrive only on a later GetProcess) is
/// <see cref="Yes"/> or <see cref="Inconclusive"/>; <see cref="ByClientProcess.RiskLevel"/> (<c>riskLevel.result</c>,
/// the orchestrated risk verdict, a newer capability whose documented lists differ) is <see cref="Approved"/>,
/// <see cref="Reproved"/>, <see cref="Denied"/>, <see cref="CriticalRisk"/>, <see cref="HighRisk"/>,
/// <see cref="Retry"/> or <see cref="Inconclusive"/>.
/// </summary>
/// <remarks>
/// Extensible: unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and written back
/// unchanged. Comparison ignores case, because responses of different eras of this API differ in casing.
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<ByClientVerdict>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct ByClientVerdict : IExtensibleEnumValue<ByClientVerdict>, IEquatable<ByClientVerdict>
{
    private readonly string? _value;

    /// <summary>Unico ID: the face belongs to the CPF holder; fraudsters base: the face is in it (a fraud signal). (<c>yes</c>)</summary>
    public static readonly ByClientVerdict Yes = new("yes");

    /// <summary>Unico ID: the face does not belong to the CPF holder. (<c>no</c>)</summary>
    public static readonly ByClientVerdict No = new("no");

    /// <summary>Not enough evidence either way (Unico ID: see the risk score when it is contracted). (<c>inconclusive</c>)</summary>
    public static readonly ByClientVerdict Inconclusive = new("inconclusive");

    /// <summary>Risk level: approved. (<c>approved</c>)</summary>
    public static readonly ByClientVerdict Approved = new("approved");

    /// <summary>Risk level: reproved (one list of the vendor's; the other says <see cref="Denied"/>). (<c>reproved</c>)</summary>
    public static readonly ByClientVerdict Reproved = new("reproved");

    /// <summary>Risk level: denied. (<c>denied</c>)</summary>
    public static readonly ByClientVerdict Denied = new("denied");

    /// <summary>Risk level: critical risk. (<c>critical-risk</c>)</summary>
    public static readonly ByClientVerdict CriticalRisk = new("critical-risk");

    /// <summary>Risk level: high risk. (<c>high-risk</c>)</summary>
    public static readonly ByClientVerdict HighRisk = new("high-risk");

    /// <summary>Risk level: capture again. (<c>retry</c>)</summary>
    public static readonly ByClientVerdict Retry = new("retry");


    /// <summary>Creates a value from its raw wire string; unknown strings are accepted.</summary>
    /// <param name="value">The raw wire string.</param>
    public ByClientVerdict(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<ByClientVerdict> KnownValues { get; } = [Yes, No, Inconclusive, Approved, Reproved, Denied, CriticalRisk, HighRisk, Retry];

    /// <summary>The raw wire string, exactly as received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown
    {
        get
        {
            foreach (var known in KnownValues)
            {
                if (Equals(known))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The wrapped value.</returns>
    public static ByClientVerdict From(string value) => new(value);

    /// <summary>Compares ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(ByClientVerdict left, ByClientVerdict right) => left.Equals(right);

    /// <summary>Compares ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(ByClientVerdict left, ByClientVerdict right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ByClientVerdict other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ByClientVerdict other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
