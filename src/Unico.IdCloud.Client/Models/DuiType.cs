using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The kind of document id a person is identified by (<c>person.duiType</c>).
/// </summary>
/// <remarks>
/// The list from developer.unico.io. For <see cref="BrCpf"/> the <c>duiValue</c> is the CPF as 11 digits, no
/// punctuation (see <see cref="Cpf"/>).
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(DuiType)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<DuiType>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct DuiType : IExtensibleEnumValue<DuiType>, IEquatable<DuiType>
{
    private readonly string? _value;

    /// <summary>Brazil: CPF (<c>DUI_TYPE_BR_CPF</c>).</summary>
    public static readonly DuiType BrCpf = new("DUI_TYPE_BR_CPF");

    /// <summary>Mexico: CURP (<c>DUI_TYPE_MX_CURP</c>).</summary>
    public static readonly DuiType MxCurp = new("DUI_TYPE_MX_CURP");

    /// <summary>United States: Social Security Number (<c>DUI_TYPE_US_SSN</c>).</summary>
    public static readonly DuiType UsSsn = new("DUI_TYPE_US_SSN");

    /// <summary>Brazil: passport (<c>DUI_TYPE_BR_PASSPORT</c>).</summary>
    public static readonly DuiType BrPassport = new("DUI_TYPE_BR_PASSPORT");

    /// <summary>Argentina: passport (<c>DUI_TYPE_AR_PASSPORT</c>).</summary>
    public static readonly DuiType ArPassport = new("DUI_TYPE_AR_PASSPORT");

    /// <summary>Argentina: DNI (<c>DUI_TYPE_AR_DNI</c>).</summary>
    public static readonly DuiType ArDni = new("DUI_TYPE_AR_DNI");

    /// <summary>Nigeria: NIN (<c>DUI_TYPE_NG_NIN</c>).</summary>
    public static readonly DuiType NgNin = new("DUI_TYPE_NG_NIN");

    /// <summary>Chile: RUN (<c>DUI_TYPE_CL_RUN</c>).</summary>
    public static readonly DuiType ClRun = new("DUI_TYPE_CL_RUN");

    /// <summary>Ecuador: national id (<c>DUI_TYPE_EC_NI</c>).</summary>
    public static readonly DuiType EcNi = new("DUI_TYPE_EC_NI");

    /// <summary>United States: passport (<c>DUI_TYPE_US_PASSPORT</c>).</summary>
    public static readonly DuiType UsPassport = new("DUI_TYPE_US_PASSPORT");

    /// <summary>Guatemala: CUI (<c>DUI_TYPE_GT_CUI</c>).</summary>
    public static readonly DuiType GtCui = new("DUI_TYPE_GT_CUI");

    /// <summary>Uruguay: CI (<c>DUI_TYPE_UY_CI</c>).</summary>
    public static readonly DuiType UyCi = new("DUI_TYPE_UY_CI");

    /// <summary>Any country: e-mail address (<c>DUI_TYPE_ZZ_EMAIL</c>).</summary>
    public static readonly DuiType ZzEmail = new("DUI_TYPE_ZZ_EMAIL");

    /// <summary>Indonesia: NIK (<c>DUI_TYPE_ID_NIK</c>).</summary>
    public static readonly DuiType IdNik = new("DUI_TYPE_ID_NIK");

    /// <summary>Any country: phone number (<c>DUI_TYPE_ZZ_PHONE_NUMBER</c>).</summary>
    public static readonly DuiType ZzPhoneNumber = new("DUI_TYPE_ZZ_PHONE_NUMBER");

    /// <summary>United States: driver licence (<c>DUI_TYPE_US_DRIVER_LICENSE</c>).</summary>
    public static readonly DuiType UsDriverLicense = new("DUI_TYPE_US_DRIVER_LICENSE");

    /// <summary>Nigeria: BVN (<c>DUI_TYPE_NG_BVN</c>).</summary>
    public static readonly DuiType NgBvn = new("DUI_TYPE_NG_BVN");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public DuiType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<DuiType> KnownValues { get; } =
    [
        BrCpf, MxCurp, UsSsn, BrPassport, ArPassport, ArDni, NgNin, ClRun, EcNi, UsPassport, GtCui, UyCi, ZzEmail,
        IdNik, ZzPhoneNumber, UsDriverLicense, NgBvn,
    ];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "DUI_TYPE_BR_CPF" or
        "DUI_TYPE_MX_CURP" or
        "DUI_TYPE_US_SSN" or
        "DUI_TYPE_BR_PASSPORT" or
        "DUI_TYPE_AR_PASSPORT" or
        "DUI_TYPE_AR_DNI" or
        "DUI_TYPE_NG_NIN" or
        "DUI_TYPE_CL_RUN" or
        "DUI_TYPE_EC_NI" or
        "DUI_TYPE_US_PASSPORT" or
        "DUI_TYPE_GT_CUI" or
        "DUI_TYPE_UY_CI" or
        "DUI_TYPE_ZZ_EMAIL" or
        "DUI_TYPE_ID_NIK" or
        "DUI_TYPE_ZZ_PHONE_NUMBER" or
        "DUI_TYPE_US_DRIVER_LICENSE" or
        "DUI_TYPE_NG_BVN" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static DuiType From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>DuiType? x = condition ? DuiType.BrCpf : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator DuiType(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(DuiType left, DuiType right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(DuiType left, DuiType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(DuiType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DuiType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
