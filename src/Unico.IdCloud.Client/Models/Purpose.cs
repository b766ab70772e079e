using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Why a process is created (<c>purpose</c> in CreateProcess; required).
/// </summary>
/// <remarks>
/// The API answers error 3 "invalid purpose" for values it does not accept. <see cref="AgeVerification"/> is listed
/// only by developer.unico.io. One vendor sample shows <c>VERIFICATION</c>; it is kept as an unknown value.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(Purpose)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<Purpose>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct Purpose : IExtensibleEnumValue<Purpose>, IEquatable<Purpose>
{
    private readonly string? _value;

    /// <summary>Credit process (<c>creditprocess</c>).</summary>
    public static readonly Purpose CreditProcess = new("creditprocess");

    /// <summary>Biometric onboarding (<c>biometryonboarding</c>).</summary>
    public static readonly Purpose BiometryOnboarding = new("biometryonboarding");

    /// <summary>Car purchase (<c>carpurchase</c>).</summary>
    public static readonly Purpose CarPurchase = new("carpurchase");

    /// <summary>Age verification (<c>ageverification</c>).</summary>
    public static readonly Purpose AgeVerification = new("ageverification");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public Purpose(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<Purpose> KnownValues { get; } =
    [
        CreditProcess, BiometryOnboarding, CarPurchase, AgeVerification,
    ];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "creditprocess" or
        "biometryonboarding" or
        "carpurchase" or
        "ageverification" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static Purpose From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>Purpose? x = condition ? Purpose.CreditProcess : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator Purpose(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(Purpose left, Purpose right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(Purpose left, Purpose right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(Purpose other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Purpose other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
