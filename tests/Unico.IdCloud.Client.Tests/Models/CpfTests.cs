using System.Text.Json;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Models;

public class CpfTests
{
    [Theory]
    [InlineData("73689290074")]
    [InlineData("736.892.900-74")]
    [InlineData("736892900-74")]
    [InlineData("736.892.90074")]
    [InlineData(" 736.892.900-74 ")]
    public void Valid_forms_parse_to_the_same_digits(string text)
    {
        Assert.True(Cpf.IsValid(text));
        Assert.True(Cpf.TryParse(text, out var cpf));
        Assert.Equal("73689290074", cpf.Value);
        Assert.Equal(Cpf.Parse("73689290074"), Cpf.Parse(text));
        Assert.Equal(Cpf.Parse("73689290074").GetHashCode(), cpf.GetHashCode());
        Assert.True(cpf == Cpf.Parse("736.892.900-74"));
    }

    [Theory]
    [InlineData("54858809080")] // from the vendor OCR samples
    [InlineData("12345678909")] // the other vendor sample CPF
    [InlineData("00000000191")]
    public void Other_valid_numbers_parse(string text) => Assert.True(Cpf.IsValid(text));

    [Theory]
    [InlineData("12345678900", "check digits")]
    [InlineData("73689290075", "check digits")]
    [InlineData("73689290064", "check digits")]
    [InlineData("00000000000", "equal")]
    [InlineData("11111111111", "equal")]
    [InlineData("999.999.999-99", "equal")]
    [InlineData("7368929007", "10 digits")]
    [InlineData("736892900741", "more than 11")]
    [InlineData("7368929007a", "not a digit")]
    [InlineData("abc.def.ghi-jk", "not a digit")]
    [InlineData("736 892 900 74", "not a digit")]
    [InlineData("736/892/900-74", "not a digit")]
    [InlineData("736-892-900-74", "standard position")]
    [InlineData("736.892.900.74", "standard position")]
    [InlineData("7368.92900-74", "standard position")]
    [InlineData("736..892900-74", "follows another separator")]
    [InlineData("", "0 digits")]
    public void Invalid_forms_are_rejected_with_a_reason_that_does_not_echo_the_input(string text, string reason)
    {
        Assert.False(Cpf.IsValid(text));
        Assert.False(Cpf.TryParse(text, out var cpf));
        Assert.Equal(default, cpf);
        var ex = Assert.Throws<FormatException>(() => Cpf.Parse(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        if (text.Length > 0)
        {
            Assert.DoesNotContain(text.Trim(), ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Null_is_invalid_for_try_parse_and_throws_for_parse()
    {
        Assert.False(Cpf.TryParse(null, out _));
        Assert.False(Cpf.IsValid(null));
        Assert.Throws<ArgumentNullException>(() => Cpf.Parse(null!));
    }

    [Fact]
    public void Formatted_masked_and_ToString_forms()
    {
        var cpf = Cpf.Parse("73689290074");
        Assert.Equal("736.892.900-74", cpf.ToFormattedString());
        Assert.Equal("***.***.***-74", cpf.ToMaskedString());
        Assert.Equal("***.***.***-74", cpf.ToString());
        Assert.Equal("CPF ***.***.***-74", $"CPF {cpf}");
        Assert.False(cpf.IsEmpty);
    }

    [Fact]
    public void Masked_form_shows_at_most_the_last_two_digits()
    {
        foreach (var text in new[] { "73689290074", "54858809080", "12345678909" })
        {
            var masked = Cpf.Parse(text).ToMaskedString();
            Assert.Equal(2, masked.Count(char.IsAsciiDigit));
            Assert.EndsWith(text[^2..], masked, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("73689290074", "***.***.***-74")]
    [InlineData("736.892.900-74", "***.***.***-74")]
    [InlineData("12345678900", "***.***.***-00")] // invalid CPF, still masked like one
    [InlineData("123456", "***56")]
    [InlineData("12345", "***")]
    [InlineData("12", "***")]
    [InlineData("123456789012345", "***45")]
    [InlineData("abc", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_never_reveals_more_than_two_digits(string? raw, string expected)
    {
        var masked = Cpf.Mask(raw);
        Assert.Equal(expected, masked);
        Assert.True(masked.Count(char.IsAsciiDigit) <= 2);
    }

    [Fact]
    public void Default_is_empty_and_does_not_throw()
    {
        var cpf = default(Cpf);
        Assert.True(cpf.IsEmpty);
        Assert.Equal(string.Empty, cpf.Value);
        Assert.Equal(string.Empty, cpf.ToString());
        Assert.Equal(string.Empty, cpf.ToFormattedString());
        Assert.NotEqual(Cpf.Parse("73689290074"), cpf);
        Assert.Equal(0, cpf.GetHashCode());
    }

    [Fact]
    public void Json_round_trip_uses_the_eleven_digits()
    {
        var holder = JsonSerializer.Deserialize("""{"cpf":"736.892.900-74"}""", ModelsTestJsonContext.Default.CpfHolder)!;
        Assert.Equal(Cpf.Parse("73689290074"), holder.Cpf);
        Assert.Equal("""{"cpf":"73689290074"}""", JsonSerializer.Serialize(holder, ModelsTestJsonContext.Default.CpfHolder));
    }

    [Fact]
    public void Invalid_json_cpf_fails_without_leaking_the_value()
    {
        var ex = Assert.Throws<JsonException>(
            () => JsonSerializer.Deserialize("""{"cpf":"73689290075"}""", ModelsTestJsonContext.Default.CpfHolder));
        Assert.DoesNotContain("73689290075", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check digits", ex.Message, StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"cpf":73689290074}""", ModelsTestJsonContext.Default.CpfHolder));
    }
}
