using System.Text;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>How the one error-body reader decodes the vendor's Portuguese descriptions.</summary>
public sealed class ErrorBodyEncodingTests
{
    private const string Documented = """{"error":{"code":"10501","description":"O token informado é inválido"}}""";

    [Fact]
    public void A_latin1_body_is_read_with_its_accents_and_code()
    {
        var body = IdCloudErrorBody.Parse(Encoding.Latin1.GetBytes(Documented), "application/json");

        Assert.Equal("10501", body.Code);
        Assert.Equal("O token informado é inválido", body.Description);
    }

    [Fact]
    public void A_utf8_body_is_not_read_as_latin1()
    {
        var body = IdCloudErrorBody.Parse(Encoding.UTF8.GetBytes(Documented), "application/json");

        Assert.Equal("O token informado é inválido", body.Description);
    }

    [Fact]
    public void A_utf8_text_cut_inside_its_last_character_keeps_its_other_accents()
    {
        var bytes = Encoding.UTF8.GetBytes("Falha na autenticação 1.2.5 é");
        var body = IdCloudErrorBody.Parse(bytes.AsSpan(0, bytes.Length - 1), "text/plain");

        Assert.StartsWith("Falha na autenticação 1.2.5 ", body.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"code":"10501","message":"Token expirado: renove já"}""")]
    [InlineData("""{"code":"1.2.5","message":"Acesso negado à"}""")]
    public void A_latin1_body_whose_only_accent_is_near_its_end_is_read_as_latin1(string json)
    {
        // In Latin-1 the accented letter is one byte that looks like the lead byte of a UTF-8 sequence; what follows it
        // ("} after the letter) is not a continuation, so the body is not UTF-8 cut inside its last character.
        var body = IdCloudErrorBody.Parse(Encoding.Latin1.GetBytes(json), "application/json");

        Assert.Equal(IdCloudErrorBodyFormat.Json, body.Format);
        Assert.NotNull(body.Code);
        Assert.EndsWith(json.Contains("já", StringComparison.Ordinal) ? "já" : "à", body.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_bounded_reader_never_returns_more_than_its_cap_whatever_length_is_announced(bool announced)
    {
        var body = Enumerable.Repeat((byte)'x', 1_000).ToArray();
        using HttpContent content = announced ? new ByteArrayContent(body) : new StreamContent(new MemoryStream(body));
        if (!announced)
        {
            content.Headers.ContentLength = null;
        }

        var read = await IdCloudErrorBody.ReadBytesAsync(content, maxBytes: 10, CancellationToken.None);

        Assert.Equal(10, read.Length);
    }
}
