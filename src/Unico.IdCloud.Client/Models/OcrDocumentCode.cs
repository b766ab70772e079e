using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The type of a document read by OCR (<c>services[].documents[].doc.code</c>).
/// </summary>
/// <remarks>
/// <see cref="Unknown"/> is itself a documented wire value (the vendor could not tell the document type), so
/// <c>OcrDocumentCode.Unknown.IsKnown</c> is <see langword="true"/>; a code this SDK has never seen has
/// <see cref="IsKnown"/> <see langword="false"/>.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(OcrDocumentCode)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<OcrDocumentCode>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct OcrDocumentCode : IExtensibleEnumValue<OcrDocumentCode>, IEquatable<OcrDocumentCode>
{
    private readonly string? _value;

    /// <summary>Carteira Nacional de Habilitação (driver licence) (<c>CNH</c>).</summary>
    public static readonly OcrDocumentCode Cnh = new("CNH");

    /// <summary>Registro Geral (identity card) (<c>RG</c>).</summary>
    public static readonly OcrDocumentCode Rg = new("RG");

    /// <summary>Carteira de Identidade Nacional (national identity card) (<c>CIN</c>).</summary>
    public static readonly OcrDocumentCode Cin = new("CIN");

    /// <summary>Brazilian passport (<c>PASSAPORTE</c>).</summary>
    public static readonly OcrDocumentCode Passaporte = new("PASSAPORTE");

    /// <summary>The vendor could not detect the document type (<c>UNKNOWN</c>).</summary>
    public static readonly OcrDocumentCode Unknown = new("UNKNOWN");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public OcrDocumentCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<OcrDocumentCode> KnownValues { get; } = [Cnh, Rg, Cin, Passaporte, Unknown];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "CNH" or
        "RG" or
        "CIN" or
        "PASSAPORTE" or
        "UNKNOWN" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static OcrDocumentCode From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>OcrDocumentCode? x = condition ? OcrDocumentCode.Cnh : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator OcrDocumentCode(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(OcrDocumentCode left, OcrDocumentCode right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(OcrDocumentCode left, OcrDocumentCode right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OcrDocumentCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OcrDocumentCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
