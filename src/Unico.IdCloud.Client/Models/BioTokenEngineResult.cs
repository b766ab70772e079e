using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The 1:1 validation (bio token) verdict (<c>authenticationInfo.bioTokenEngineResult</c>).
/// </summary>
/// <remarks>
/// Only <see cref="Unspecified"/> is seen in the vendor documentation. <see cref="Positive"/> and
/// <see cref="Negative"/> are inferred by analogy with <see cref="AuthenticationResult"/> and may not match the real
/// wire values; unknown values are preserved either way.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(BioTokenEngineResult)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<BioTokenEngineResult>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct BioTokenEngineResult : IExtensibleEnumValue<BioTokenEngineResult>, IEquatable<BioTokenEngineResult>
{
    private readonly string? _value;

    /// <summary>Not evaluated (the flow has no 1:1 validation) (<c>BIO_TOKEN_ENGINE_RESULT_UNSPECIFIED</c>).</summary>
    public static readonly BioTokenEngineResult Unspecified = new("BIO_TOKEN_ENGINE_RESULT_UNSPECIFIED");

    /// <summary>The face matches the reference (wire name inferred, not documented) (<c>BIO_TOKEN_ENGINE_RESULT_POSITIVE</c>).</summary>
    public static readonly BioTokenEngineResult Positive = new("BIO_TOKEN_ENGINE_RESULT_POSITIVE");

    /// <summary>The face does not match the reference (wire name inferred, not documented) (<c>BIO_TOKEN_ENGINE_RESULT_NEGATIVE</c>).</summary>
    public static readonly BioTokenEngineResult Negative = new("BIO_TOKEN_ENGINE_RESULT_NEGATIVE");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public BioTokenEngineResult(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<BioTokenEngineResult> KnownValues { get; } = [Unspecified, Positive, Negative];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "BIO_TOKEN_ENGINE_RESULT_UNSPECIFIED" or
        "BIO_TOKEN_ENGINE_RESULT_POSITIVE" or
        "BIO_TOKEN_ENGINE_RESULT_NEGATIVE" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static BioTokenEngineResult From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>BioTokenEngineResult? x = condition ? BioTokenEngineResult.Unspecified : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator BioTokenEngineResult(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(BioTokenEngineResult left, BioTokenEngineResult right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(BioTokenEngineResult left, BioTokenEngineResult right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(BioTokenEngineResult other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BioTokenEngineResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
