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
}
