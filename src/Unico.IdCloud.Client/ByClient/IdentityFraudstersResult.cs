using System.Diagnostics;
using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The fraudsters-base check (<c>identityFraudsters.result</c>); it may arrive only on a later GetProcess.
/// </summary>
/// <remarks>
/// Extensible: unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and written back
/// unchanged. Comparison ignores case, because responses of different eras of this API differ in casing.
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<IdentityFraudstersResult>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct IdentityFraudstersResult : IExtensibleEnumValue<IdentityFraudstersResult>, IEquatable<IdentityFraudstersResult>
{
    private readonly string? _value;

    /// <summary>The face is in Unico's base of known fraudsters. (<c>yes</c>)</summary>
    public static readonly IdentityFraudstersResult Yes = new("yes");

    /// <summary>No match in the base. (<c>inconclusive</c>)</summary>
    public static readonly IdentityFraudstersResult Inconclusive = new("inconclusive");


    /// <summary>Creates a value from its raw wire string; unknown strings are accepted.</summary>
    /// <param name="value">The raw wire string.</param>
    public IdentityFraudstersResult(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<IdentityFraudstersResult> KnownValues { get; } = [Yes, Inconclusive];

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
    public static IdentityFraudstersResult From(string value) => new(value);

    /// <summary>Compares ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(IdentityFraudstersResult left, IdentityFraudstersResult right) => left.Equals(right);

    /// <summary>Compares ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(IdentityFraudstersResult left, IdentityFraudstersResult right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(IdentityFraudstersResult other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IdentityFraudstersResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
