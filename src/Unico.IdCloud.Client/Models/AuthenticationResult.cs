using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The identity-verification verdict (<c>authenticationInfo.authenticationResult</c>).
/// </summary>
/// <remarks>
/// UNSPECIFIED, POSITIVE and INCONCLUSIVE are seen verbatim in the vendor documentation; <see cref="Negative"/>
/// is inferred from the response-scenarios table, which shows the negative outcome only as <c>NEGATIVE</c>.
/// Capabilities a flow does not use come back as <see cref="Unspecified"/>.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(AuthenticationResult)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<AuthenticationResult>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct AuthenticationResult : IExtensibleEnumValue<AuthenticationResult>, IEquatable<AuthenticationResult>
{
    private readonly string? _value;

    /// <summary>Not evaluated (the flow has no identity verification, or no verdict yet) (<c>AUTHENTICATION_RESULT_UNSPECIFIED</c>).</summary>
    public static readonly AuthenticationResult Unspecified = new("AUTHENTICATION_RESULT_UNSPECIFIED");

    /// <summary>The person is who they claim to be (<c>AUTHENTICATION_RESULT_POSITIVE</c>).</summary>
    public static readonly AuthenticationResult Positive = new("AUTHENTICATION_RESULT_POSITIVE");

    /// <summary>The person is not who they claim to be (full wire name inferred) (<c>AUTHENTICATION_RESULT_NEGATIVE</c>).</summary>
    public static readonly AuthenticationResult Negative = new("AUTHENTICATION_RESULT_NEGATIVE");

    /// <summary>No conclusion could be reached (<c>AUTHENTICATION_RESULT_INCONCLUSIVE</c>).</summary>
    public static readonly AuthenticationResult Inconclusive = new("AUTHENTICATION_RESULT_INCONCLUSIVE");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public AuthenticationResult(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<AuthenticationResult> KnownValues { get; } =
    [
        Unspecified, Positive, Negative, Inconclusive,
    ];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "AUTHENTICATION_RESULT_UNSPECIFIED" or
        "AUTHENTICATION_RESULT_POSITIVE" or
        "AUTHENTICATION_RESULT_NEGATIVE" or
        "AUTHENTICATION_RESULT_INCONCLUSIVE" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static AuthenticationResult From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>AuthenticationResult? x = condition ? AuthenticationResult.Unspecified : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator AuthenticationResult(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(AuthenticationResult left, AuthenticationResult right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(AuthenticationResult left, AuthenticationResult right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(AuthenticationResult other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AuthenticationResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
