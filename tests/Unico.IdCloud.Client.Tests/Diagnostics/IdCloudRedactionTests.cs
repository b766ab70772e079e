using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client.Tests.Diagnostics;

public sealed class IdCloudRedactionTests
{
    [Theory]
    [InlineData("73689290074", "***.***.***-74")]
    [InlineData("736.892.900-74", "***.***.***-74")]
    [InlineData("1", "***")]
    [InlineData("", "***")]
    [InlineData(null, "***")]
    public void A_cpf_shows_only_its_check_digits(string? cpf, string expected) =>
        Assert.Equal(expected, IdCloudRedaction.MaskCpf(cpf));

    [Theory]
    [InlineData("5511998765678", "*********5678")]
    [InlineData("+55 (11) 99876-5678", "*********5678")]
    [InlineData("1234", "****")]
    [InlineData(null, "***")]
    public void A_phone_shows_at_most_its_last_four_digits(string? phone, string expected) =>
        Assert.Equal(expected, IdCloudRedaction.MaskPhone(phone));

    [Theory]
    [InlineData("lucas@unico.io", "l***@unico.io")]
    [InlineData("  maria.souza+kyc@example.com.br ", "m***@example.com.br")]
    [InlineData("not-an-email", "***")]
    [InlineData("@unico.io", "***")]
    [InlineData(null, "***")]
    public void An_email_shows_its_first_letter_and_domain(string? email, string expected) =>
        Assert.Equal(expected, IdCloudRedaction.MaskEmail(email));

    [Theory]
    [InlineData("cpf 736.892.900-74 is invalid", "cpf [number redacted] is invalid")]
    [InlineData("phone +55 11 99876-5678 rejected", "phone [number redacted] rejected")]
    [InlineData("mail ana@unico.io bad", "mail a***@unico.io bad")]
    [InlineData("Authorization: Bearer abc.def.ghi", "Authorization: Bearer [secret redacted]")]
    [InlineData("phone number does not contain 13 chars", "phone number does not contain 13 chars")]
    [InlineData("code = InvalidArgument desc = invalid dui value", "code = InvalidArgument desc = invalid dui value")]
    public void Free_text_keeps_its_meaning_but_loses_personal_data_and_secrets(string input, string expected) =>
        Assert.Equal(expected, IdCloudRedaction.SanitizeFreeText(input, 200));

    [Fact]
    public void A_jwt_or_long_key_in_free_text_is_redacted()
    {
        var text = "token eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.sig and key MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

        var safe = IdCloudRedaction.SanitizeFreeText(text, 500);

        Assert.Equal("token [secret redacted] and key [secret redacted]", safe);
    }

    [Fact]
    public void Free_text_becomes_one_bounded_line()
    {
        var safe = IdCloudRedaction.SanitizeFreeText("a\r\nb\t\u0007c" + new string('z', 500), 50);

        Assert.StartsWith("a b c", safe);
        Assert.Equal(50, safe!.Length);
        Assert.EndsWith("…", safe);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("a@")]
    [InlineData("eyJ")]
    [InlineData("1.")]
    [InlineData("ab12")]
    public void Long_hostile_input_is_still_sanitised(string unit)
    {
        // Long runs that almost match are where backtracking expressions go quadratic and time out.
        var text = "prefix " + string.Concat(Enumerable.Repeat(unit, 40_000 / unit.Length));

        var safe = IdCloudRedaction.SanitizeFreeText(text, 512);

        Assert.NotNull(safe);
        Assert.StartsWith("prefix", safe);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    public void Blank_text_gives_null(string? text) => Assert.Null(IdCloudRedaction.SanitizeFreeText(text, 100));
}
