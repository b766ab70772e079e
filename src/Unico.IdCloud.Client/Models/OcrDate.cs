using System.Globalization;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// A date read by OCR from a document, kept as the raw text the API sent plus its parsed value when the text is a
/// valid ISO 8601 date or date-time.
/// </summary>
/// <remarks>
/// OCR output is not trustworthy input: the vendor's own GetProcess example contains <c>"2025-10-35T00:00:00Z"</c>.
/// Such a value never throws; <see cref="Value"/> is <see langword="null"/> and <see cref="Raw"/> keeps the text.
/// Accepted forms: <c>yyyy-MM-dd</c> and <c>yyyy-MM-ddTHH:mm:ss[.fraction][Z|±hh:mm]</c> (no offset means UTC).
/// Local-format dates such as <c>12/05/1990</c> are deliberately not guessed at. Dates are sent as midnight in UTC or
/// as Brazilian midnight expressed in UTC (<c>1980-12-19T03:00:00Z</c>); both give the right calendar day in
/// <see cref="Date"/>.
/// </remarks>
[JsonConverter(typeof(OcrDateJsonConverter))]
public readonly struct OcrDate : IEquatable<OcrDate>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>Creates a date from the raw text, parsing it when possible.</summary>
    /// <param name="raw">The text as sent; may be <see langword="null"/>.</param>
    public OcrDate(string? raw)
    {
        Raw = raw;
        Value = TryParse(raw, out var value) ? value : null;
    }

    /// <summary>The text exactly as the API sent it.</summary>
    public string? Raw { get; }

    /// <summary>The parsed instant, or <see langword="null"/> when <see cref="Raw"/> is missing or not a valid date.</summary>
    public DateTimeOffset? Value { get; }

    /// <summary>The calendar day (of <see cref="Value"/> in UTC), or <see langword="null"/> when not a valid date.</summary>
    public DateOnly? Date => Value is { } value ? DateOnly.FromDateTime(value.UtcDateTime) : null;

    /// <summary>Gets the parsed instant.</summary>
    /// <param name="value">The instant, or <see langword="default"/> when not a valid date.</param>
    /// <returns><see langword="true"/> when <see cref="Raw"/> is a valid date.</returns>
    public bool TryGetValue(out DateTimeOffset value)
    {
        value = Value.GetValueOrDefault();
        return Value.HasValue;
    }

    /// <summary>Compares by raw text (ordinal).</summary>
    /// <param name="left">The first date.</param>
    /// <param name="right">The second date.</param>
    public static bool operator ==(OcrDate left, OcrDate right) => left.Equals(right);

    /// <summary>Compares by raw text (ordinal).</summary>
    /// <param name="left">The first date.</param>
    /// <param name="right">The second date.</param>
    public static bool operator !=(OcrDate left, OcrDate right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OcrDate other) => string.Equals(Raw, other.Raw, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OcrDate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Raw is null ? 0 : StringComparer.Ordinal.GetHashCode(Raw);

    /// <summary>Returns the raw text.</summary>
    /// <returns><see cref="Raw"/>, or an empty string.</returns>
    public override string ToString() => Raw ?? string.Empty;

    private static bool TryParse(string? raw, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(raw))
        {
            return false;
        }

        // Protobuf timestamps carry up to 9 fractional digits; DateTimeOffset holds 7, so drop the extra ones.
        var text = raw;
        var dot = raw.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < raw.Length && char.IsAsciiDigit(raw[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(raw.AsSpan(0, dot + 8), raw.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParseExact(
            text,
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out value);
    }
}
