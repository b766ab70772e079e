using System.Text.Json;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Models;

public class ProtobufDurationJsonConverterTests
{
    private static readonly ModelsTestJsonContext Context = ModelsTestJsonContext.Default;

    [Theory]
    [InlineData(3600 * TimeSpan.TicksPerSecond, "3600s")]
    [InlineData(10080 * TimeSpan.TicksPerSecond, "10080s")]
    [InlineData(0, "0s")]
    [InlineData(15_000_000, "1.5s")]
    [InlineData(1, "0.0000001s")]
    [InlineData(12_345_678, "1.2345678s")]
    [InlineData(-15_000_000, "-1.5s")]
    [InlineData(-36_000_000_000, "-3600s")]
    public void Writes_decimal_seconds(long ticks, string expected)
    {
        var json = JsonSerializer.Serialize(new DurationHolder { ExpiresIn = TimeSpan.FromTicks(ticks) }, Context.DurationHolder);
        Assert.Equal($$"""{"expiresIn":"{{expected}}"}""", json);
    }

    [Theory]
    [InlineData("3600s", 3600 * TimeSpan.TicksPerSecond)]
    [InlineData("1.5s", 15_000_000)]
    [InlineData("1.500s", 15_000_000)]
    [InlineData("0.000000001s", 0)] // 1 ns: below TimeSpan's 100 ns tick, truncated
    [InlineData("0.000000100s", 1)]
    [InlineData("0.123456789s", 1_234_567)]
    [InlineData("0s", 0)]
    [InlineData("-2.5s", -25_000_000)]
    [InlineData("315576000000s", 315_576_000_000 * TimeSpan.TicksPerSecond)] // protobuf's maximum
    public void Reads_decimal_seconds(string text, long expectedTicks)
    {
        var holder = JsonSerializer.Deserialize($$"""{"expiresIn":"{{text}}"}""", Context.DurationHolder)!;
        Assert.Equal(TimeSpan.FromTicks(expectedTicks), holder.ExpiresIn);
    }

    [Fact]
    public void Extremes_round_trip()
    {
        foreach (var value in new[] { TimeSpan.MaxValue, TimeSpan.MinValue + TimeSpan.FromTicks(1), TimeSpan.FromDays(7) })
        {
            var json = JsonSerializer.Serialize(new DurationHolder { ExpiresIn = value }, Context.DurationHolder);
            Assert.Equal(value, JsonSerializer.Deserialize(json, Context.DurationHolder)!.ExpiresIn);
        }
    }

    [Theory]
    [InlineData("\"3600\"")]
    [InlineData("\"s\"")]
    [InlineData("\"\"")]
    [InlineData("\"1.s\"")]
    [InlineData("\".5s\"")]
    [InlineData("\"1.5 s\"")]
    [InlineData("\" 1s\"")]
    [InlineData("\"1e3s\"")]
    [InlineData("\"+1s\"")]
    [InlineData("\"--1s\"")]
    [InlineData("\"-s\"")]
    [InlineData("\"1,5s\"")]
    [InlineData("\"1.0000000001s\"")]
    [InlineData("\"3600S\"")]
    [InlineData("\"1h\"")]
    [InlineData("\"99999999999999999999s\"")]
    [InlineData("\"922337203686s\"")]
    [InlineData("3600")]
    [InlineData("null")]
    public void Rejects_malformed_values(string token)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($$"""{"expiresIn":{{token}}}""", Context.DurationHolder));
        Assert.Contains("3600s", ex.Message, StringComparison.Ordinal);
    }
}
