using System.Diagnostics;
using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The Unico ID verdict (<c>unicoId.result</c>): whether the face belongs to the CPF holder.
/// </summary>
/// <remarks>
/// Extensible: unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and written back
/// unchanged. Comparison ignores case, because responses of different eras of this API differ in casing.
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<UnicoIdResult>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct UnicoIdResult : IExtensibleEnumValue<UnicoIdResult>, IEquatable<UnicoIdResult>
{
    private readonly string? _value;

    /// <summary>The face belongs to the CPF holder. (<c>yes</c>)</summary>
    public static readonly UnicoIdResult Yes = new("yes");

    /// <summary>The face does not belong to the CPF holder. (<c>no</c>)</summary>
    public static readonly UnicoIdResult No = new("no");

    /// <summary>Not enough evidence either way; see the risk score when it is contracted. (<c>inconclusive</c>)</summary>
    public static readonly UnicoIdResult Inconclusive = new("inconclusive");


    /// <summary>Creates a value from its raw wire string; unknown strings are accepted.</summary>
    /// <param name="value">The raw wire string.</param>
    public UnicoIdResult(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<UnicoIdResult> KnownValues { get; } = [Yes, No, Inconclusive];

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
    public static UnicoIdResult From(string value) => new(value);

    /// <summary>Compares ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(UnicoIdResult left, UnicoIdResult right) => left.Equals(right);

    /// <summary>Compares ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(UnicoIdResult left, UnicoIdResult right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(UnicoIdResult other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is UnicoIdResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
