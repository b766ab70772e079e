using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads and writes a <see cref="TimeSpan"/> in the protobuf <c>Duration</c> JSON form used by <c>expiresIn</c>:
/// decimal seconds followed by <c>s</c> (<c>"3600s"</c>, <c>"1.5s"</c>, <c>"0.000000001s"</c>).
/// </summary>
/// <remarks>
/// <para>
/// Written with whole seconds when possible (<c>"3600s"</c>) and otherwise with the shortest exact fraction
/// (<c>"1.5s"</c>, at most 7 digits, the resolution of <see cref="TimeSpan"/>); protobuf parsers accept any number of
/// fractional digits up to 9.
/// </para>
/// <para>
/// Read with up to 9 fractional digits (nanoseconds); digits below <see cref="TimeSpan"/>'s 100 ns tick are truncated,
/// so <c>"0.000000001s"</c> reads as <see cref="TimeSpan.Zero"/>. Anything else (a JSON number, a missing <c>s</c>,
/// exponents, signs other than a leading <c>-</c>, white space) is a <see cref="JsonException"/>.
/// </para>
/// </remarks>
internal sealed class ProtobufDurationJsonConverter : JsonConverter<TimeSpan>
{
    private const int MaxFractionDigits = 9;

    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a protobuf duration string such as \"3600s\" but found {reader.TokenType}.");
        }

        var text = reader.GetString()!;
        if (!TryParse(text, out var value))
        {
            throw new JsonException(
                "Expected a protobuf duration such as \"3600s\" or \"1.5s\" (decimal seconds followed by 's'); the value is malformed or out of range.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    internal static string Format(TimeSpan value)
    {
        var ticks = value.Ticks;
        var negative = ticks < 0;

        // Work on the magnitude as unsigned: TimeSpan.MinValue has no positive counterpart in long.
        var magnitude = negative ? (ulong)-(ticks + 1) + 1 : (ulong)ticks;
        var seconds = magnitude / TimeSpan.TicksPerSecond;
        var fraction = magnitude % TimeSpan.TicksPerSecond;
        var sign = negative ? "-" : string.Empty;
        if (fraction == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds}s");
        }

        var digits = fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds}.{digits}s");
    }

    internal static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var span = text.AsSpan();
        if (span.Length < 2 || span[^1] != 's')
        {
            return false;
        }

        span = span[..^1];
        var negative = span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : span[(dot + 1)..];
        if (whole.IsEmpty || whole.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if ((dot >= 0 && fraction.IsEmpty) || fraction.Length > MaxFractionDigits)
        {
            return false;
        }

        if (!ulong.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > (ulong)(TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond))
        {
            return false;
        }

        // Fraction to ticks (7 digits), truncating nanosecond digits that a TimeSpan cannot hold.
        long fractionTicks = 0;
        for (var i = 0; i < 7; i++)
        {
            fractionTicks = (fractionTicks * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        var ticks = ((long)seconds * TimeSpan.TicksPerSecond) + fractionTicks;
        if (ticks < 0)
        {
            return false;
        }

        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }
}
