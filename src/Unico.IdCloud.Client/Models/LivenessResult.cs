using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The liveness (proof of life) verdict (<c>authenticationInfo.livenessResult</c>).
/// </summary>
/// <remarks>
/// UNSPECIFIED and LIVE are seen verbatim in the vendor documentation; <see cref="NotLive"/> is inferred from the
/// response-scenarios table, which shows the negative outcome only as <c>NOT_LIVE</c>.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(LivenessResult)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<LivenessResult>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct LivenessResult : IExtensibleEnumValue<LivenessResult>, IEquatable<LivenessResult>
{
    private readonly string? _value;

    /// <summary>Not evaluated (<c>LIVENESS_RESULT_UNSPECIFIED</c>).</summary>
    public static readonly LivenessResult Unspecified = new("LIVENESS_RESULT_UNSPECIFIED");

    /// <summary>A live person was in front of the camera (<c>LIVENESS_RESULT_LIVE</c>).</summary>
    public static readonly LivenessResult Live = new("LIVENESS_RESULT_LIVE");

    /// <summary>No live person was detected (full wire name inferred) (<c>LIVENESS_RESULT_NOT_LIVE</c>).</summary>
    public static readonly LivenessResult NotLive = new("LIVENESS_RESULT_NOT_LIVE");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public LivenessResult(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<LivenessResult> KnownValues { get; } = [Unspecified, Live, NotLive];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "LIVENESS_RESULT_UNSPECIFIED" or
        "LIVENESS_RESULT_LIVE" or
        "LIVENESS_RESULT_NOT_LIVE" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static LivenessResult From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>LivenessResult? x = condition ? LivenessResult.Unspecified : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator LivenessResult(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(LivenessResult left, LivenessResult right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(LivenessResult left, LivenessResult right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(LivenessResult other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LivenessResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
