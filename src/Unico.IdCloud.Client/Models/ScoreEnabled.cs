using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Whether the risk-score engine ran (<c>authenticationInfo.scoreEngineResult.scoreEnabled</c>).
/// </summary>
/// <remarks>
/// When the engine did not run, the accompanying score is 0 and carries no meaning.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(ScoreEnabled)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<ScoreEnabled>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct ScoreEnabled : IExtensibleEnumValue<ScoreEnabled>, IEquatable<ScoreEnabled>
{
    private readonly string? _value;

    /// <summary>Not set (<c>SCORE_ENABLED_UNSPECIFIED</c>).</summary>
    public static readonly ScoreEnabled Unspecified = new("SCORE_ENABLED_UNSPECIFIED");

    /// <summary>The risk score was computed (<c>SCORE_ENABLED_TRUE</c>).</summary>
    public static readonly ScoreEnabled True = new("SCORE_ENABLED_TRUE");

    /// <summary>The risk score was not computed (<c>SCORE_ENABLED_FALSE</c>).</summary>
    public static readonly ScoreEnabled False = new("SCORE_ENABLED_FALSE");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public ScoreEnabled(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<ScoreEnabled> KnownValues { get; } = [Unspecified, True, False];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "SCORE_ENABLED_UNSPECIFIED" or
        "SCORE_ENABLED_TRUE" or
        "SCORE_ENABLED_FALSE" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static ScoreEnabled From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>ScoreEnabled? x = condition ? ScoreEnabled.Unspecified : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator ScoreEnabled(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(ScoreEnabled left, ScoreEnabled right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(ScoreEnabled left, ScoreEnabled right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ScoreEnabled other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ScoreEnabled other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
