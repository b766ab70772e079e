using System.Globalization;

namespace Unico.IdCloud.Testing;

/// <summary>Timestamps the way a protobuf/gRPC-gateway backend writes them.</summary>
internal static class WireTime
{
    /// <summary>
    /// RFC 3339, UTC, <c>Z</c>, with 0, 3, 6 or 9 fractional digits: protobuf's JSON mapping of <c>Timestamp</c>
    /// (the vendor's examples show 6, e.g. <c>2023-10-09T15:15:25.417105Z</c>). With a running clock this usually
    /// yields 9 digits, which .NET's own round-trip format never produces, so clients get tested on it.
    /// </summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var seconds = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var nanos = utc.Ticks % TimeSpan.TicksPerSecond * 100;
        if (nanos == 0)
        {
            return seconds + "Z";
        }

        if (nanos % 1_000_000 == 0)
        {
            return seconds + "." + (nanos / 1_000_000).ToString("D3", CultureInfo.InvariantCulture) + "Z";
        }

        if (nanos % 1_000 == 0)
        {
            return seconds + "." + (nanos / 1_000).ToString("D6", CultureInfo.InvariantCulture) + "Z";
        }

        return seconds + "." + nanos.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }
}
