using System.Diagnostics;
using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The orchestrated risk verdict (<c>riskLevel.result</c>), a newer capability; the vendor's lists differ, so it is tolerant.
/// </summary>
/// <remarks>
/// Extensible: unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and written back
/// unchanged. Comparison ignores case, because responses of different eras of this API differ in casing.
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<ByClientRiskLevel>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct ByClientRiskLevel : IExtensibleEnumValue<ByClientRiskLevel>, IEquatable<ByClientRiskLevel>
{
    private readonly string? _value;

    /// <summary>Approve. (<c>approved</c>)</summary>
    public static readonly ByClientRiskLevel Approved = new("approved");

    /// <summary>Reprove (the official page's word). (<c>reproved</c>)</summary>
    public static readonly ByClientRiskLevel Reproved = new("reproved");

    /// <summary>Deny (the word of other sources). (<c>denied</c>)</summary>
    public static readonly ByClientRiskLevel Denied = new("denied");

    /// <summary>Critical risk: deny. (<c>critical-risk</c>)</summary>
    public static readonly ByClientRiskLevel CriticalRisk = new("critical-risk");

    /// <summary>High risk: deny or review. (<c>high-risk</c>)</summary>
    public static readonly ByClientRiskLevel HighRisk = new("high-risk");

    /// <summary>Capture again in a new process. (<c>retry</c>)</summary>
    public static readonly ByClientRiskLevel Retry = new("retry");

    /// <summary>Not enough evidence either way. (<c>inconclusive</c>)</summary>
    public static readonly ByClientRiskLevel Inconclusive = new("inconclusive");


    /// <summary>Creates a value from its raw wire string; unknown strings are accepted.</summary>
    /// <param name="value">The raw wire string.</param>
    public ByClientRiskLevel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<ByClientRiskLevel> KnownValues { get; } = [Approved, Reproved, Denied, CriticalRisk, HighRisk, Retry, Inconclusive];

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
    public static ByClientRiskLevel From(string value) => new(value);

    /// <summary>Compares ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(ByClientRiskLevel left, ByClientRiskLevel right) => left.Equals(right);

    /// <summary>Compares ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(ByClientRiskLevel left, ByClientRiskLevel right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ByClientRiskLevel other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ByClientRiskLevel other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
