using System.Text.Json;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Models;

public class OcrDateTests
{
    [Theory]
    [InlineData("1990-05-12T00:00:00Z", 1990, 5, 12, 0, 0)]
    [InlineData("1980-12-19T03:00:00Z", 1980, 12, 19, 3, 0)]
    [InlineData("1980-12-19T00:00:00-03:00", 1980, 12, 19, 0, -3)]
    [InlineData("1980-12-19T00:00:00", 1980, 12, 19, 0, 0)]
    [InlineData("1980-12-19", 1980, 12, 19, 0, 0)]
    [InlineData("2023-10-05T18:28:58.537985Z", 2023, 10, 5, 18, 0)]
    [InlineData("2023-10-05T18:28:58.123456789Z", 2023, 10, 5, 18, 0)]
    public void Iso_dates_parse(string raw, int year, int month, int day, int hour, int offsetHours)
    {
        var date = new OcrDate(raw);
        Assert.Equal(raw, date.Raw);
        Assert.True(date.TryGetValue(out var value));
        Assert.Equal(year, value.Year);
        Assert.Equal(month, value.Month);
        Assert.Equal(day, value.Day);
        Assert.Equal(hour, value.Hour);
        Assert.Equal(TimeSpan.FromHours(offsetHours), value.Offset);
        Assert.Equal(raw, date.ToString());
    }

    [Fact]
    public void Nanosecond_fractions_are_truncated_to_ticks()
    {
        var value = new OcrDate("2023-10-05T18:28:58.123456789Z").Value!.Value;
        Assert.Equal(1_234_567, value.Ticks % TimeSpan.TicksPerSecond);
    }

    [Theory]
    [InlineData("2025-10-35T00:00:00Z")]
    [InlineData("2025-02-30")]
    [InlineData("12/05/1990")]
    [InlineData("05/12/1990")]
    [InlineData("not a date")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_dates_keep_their_raw_text_without_throwing(string? raw)
    {
        var date = new OcrDate(raw);
        Assert.Equal(raw, date.Raw);
        Assert.Null(date.Value);
        Assert.Null(date.Date);
        Assert.False(date.TryGetValue(out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void Equality_is_by_raw_text()
    {
        Assert.Equal(new OcrDate("2025-10-35T00:00:00Z"), new OcrDate("2025-10-35T00:00:00Z"));
        Assert.NotEqual(new OcrDate("1980-12-19"), new OcrDate("1980-12-19T00:00:00Z"));
        Assert.True(new OcrDate("x") == new OcrDate("x"));
        Assert.True(new OcrDate("x") != new OcrDate("y"));
        Assert.Equal(new OcrDate("x").GetHashCode(), new OcrDate("x").GetHashCode());
    }

    [Theory]
    [InlineData("\"2025-10-35T00:00:00Z\"", "2025-10-35T00:00:00Z", "\"2025-10-35T00:00:00Z\"")]
    [InlineData("\"1990-05-12T00:00:00Z\"", "1990-05-12T00:00:00Z", "\"1990-05-12T00:00:00Z\"")]
    [InlineData("19900512", "19900512", "\"19900512\"")]
    public void Json_keeps_the_raw_text(string json, string raw, string written)
    {
        var date = JsonSerializer.Deserialize(json, ModelsTestJsonContext.Default.OcrDate);
        Assert.Equal(raw, date.Raw);
        Assert.Equal(written, JsonSerializer.Serialize(date, ModelsTestJsonContext.Default.OcrDate));
    }

    [Fact]
    public void Json_rejects_objects()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{}", ModelsTestJsonContext.Default.OcrDate));
    }
}
