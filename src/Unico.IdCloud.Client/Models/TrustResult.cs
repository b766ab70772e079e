using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// A behaviour-alert ("trust") verdict (<c>authenticationInfo.identityFraudstersResult</c> and <c>faceWithOtherIdResult</c>).
/// </summary>
/// <remarks>
/// There is deliberately no NO value: <see cref="Yes"/> means signs of fraud were found,
/// <see cref="Inconclusive"/> means none were. One vendor sample spells the zero value <c>TRUST_RESULT_UNSPECIFIE</c>
/// (missing the final D); that text is kept as an unknown value rather than silently corrected, so compare with
/// <see cref="Unspecified"/> only after deciding how your code treats it.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(TrustResult)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<TrustResult>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct TrustResult : IExtensibleEnumValue<TrustResult>, IEquatable<TrustResult>
{
    private readonly string? _value;

    /// <summary>Not evaluated (the flow has no behaviour alert) (<c>TRUST_RESULT_UNSPECIFIED</c>).</summary>
    public static readonly TrustResult Unspecified = new("TRUST_RESULT_UNSPECIFIED");

    /// <summary>Signs of fraud were found (<c>TRUST_RESULT_YES</c>).</summary>
    public static readonly TrustResult Yes = new("TRUST_RESULT_YES");

    /// <summary>No signs of fraud were found (<c>TRUST_RESULT_INCONCLUSIVE</c>).</summary>
    public static readonly TrustResult Inconclusive = new("TRUST_RESULT_INCONCLUSIVE");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public TrustResult(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<TrustResult> KnownValues { get; } = [Unspecified, Yes, Inconclusive];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "TRUST_RESULT_UNSPECIFIED" or
        "TRUST_RESULT_YES" or
        "TRUST_RESULT_INCONCLUSIVE" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static TrustResult From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>TrustResult? x = condition ? TrustResult.Unspecified : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator TrustResult(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(TrustResult left, TrustResult right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(TrustResult left, TrustResult right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TrustResult other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TrustResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
