using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.Models;

public class OcrDocumentTests
{
    private static readonly ModelsTestJsonContext Context = ModelsTestJsonContext.Default;

    [Fact]
    public void Cnh_sample_is_typed_and_round_trips()
    {
        var json = OcrSamples.Doc("CNH", OcrSamples.Cnh);
        var doc = Read(json);

        Assert.Equal(2, doc.Version);
        Assert.Equal(OcrDocumentCode.Cnh, doc.Code);
        var cnh = Assert.IsType<OcrDocumentData>(doc.Data);
        Assert.Equal("044589731564", cnh.DocumentNumber);
        Assert.Equal("123456789 SESP PR", cnh.RgNumero);
        Assert.Equal("54858809080", cnh.CpfNumero);
        Assert.Equal("Homer Simpson", cnh.NomeCivil);
        Assert.Equal(["Monasimpson", "Monasimpson"], cnh.Filiacao!);
        Assert.Equal(new DateTimeOffset(1990, 5, 12, 0, 0, 0, TimeSpan.Zero), cnh.BirthDate!.Value.Value);
        Assert.Equal(new DateOnly(1997, 11, 18), cnh.DataHabilitacao!.Value.Date);
        Assert.Equal("2017-12-07T00:00:00Z", cnh.ExpiryDate!.Value.Raw);
        Assert.Equal("Curitiba PR", cnh.LocalEmissao);
        Assert.Equal("B", cnh.Categoria);

        AssertRoundTrips(json, doc);
    }

    [Fact]
    public void Rg_sample_is_typed_and_round_trips()
    {
        var json = OcrSamples.Doc("RG", OcrSamples.Rg);
        var doc = Read(json);

        var rg = Assert.IsType<OcrDocumentData>(doc.Data);
        Assert.Equal("4815162342", rg.DocumentNumber);
        Assert.Equal("54858809080", rg.CpfNumero);
        Assert.Equal("Daniel Coelho Da Costa", rg.NomeCivil);
        Assert.Equal(["Rosa Coelho Da Costa", "Edivaldo Da Costa"], rg.Filiacao!);
        Assert.Equal(new DateOnly(1980, 12, 19), rg.BirthDate!.Value.Date);
        Assert.Equal(new DateTimeOffset(2012, 12, 21, 2, 0, 0, TimeSpan.Zero), rg.IssueDate!.Value.Value);
        Assert.Equal("Sao Paulo SP", rg.Naturalidade);
        Assert.Equal("Secretaria Da Segurança Pública (SSP)", rg.OrgaoEmissor);
        Assert.Equal("UF_SP", rg.UfEmissor);

        AssertRoundTrips(json, doc);
    }

    [Fact]
    public void Cin_sample_is_typed_and_round_trips()
    {
        var json = OcrSamples.Doc("CIN", OcrSamples.Cin);
        var doc = Read(json);

        var cin = Assert.IsType<OcrDocumentData>(doc.Data);
        Assert.Equal("54858809080", cin.CpfNumero);
        Assert.Equal("Vitor Ra", cin.NomeCivil);
        Assert.Equal(["Danilo Luis Renan Ramos", "Giovanna Vitoria"], cin.Filiacao!);
        Assert.Equal(new DateOnly(1980, 12, 19), cin.BirthDate!.Value.Date);
        Assert.Equal(new DateOnly(2024, 3, 2), cin.IssueDate!.Value.Date);
        Assert.Equal(new DateOnly(2034, 3, 2), cin.ExpiryDate!.Value.Date);
        Assert.Equal("Detran/Rj", cin.OrgaoEmissor);
        Assert.Equal("Rio De Janeiro RJ", cin.Naturalidade);
        Assert.Equal("BRA", cin.Nacionalidade);
        Assert.Equal("Rio De Janeiro RJ", cin.LocalEmissao);

        AssertRoundTrips(json, doc);
    }

    [Fact]
    public void Passaporte_sample_is_typed_and_round_trips()
    {
        var json = OcrSamples.Doc("PASSAPORTE", OcrSamples.Passaporte);
        var doc = Read(json);

        var passport = Assert.IsType<OcrDocumentData>(doc.Data);
        Assert.Equal("AA011906", passport.DocumentNumber);
        Assert.Equal("CHANCHÃO AMARELO", passport.Nome);
        Assert.Equal("PASSAREDO", passport.Sobrenome);
        Assert.Equal("BRA", passport.PaisEmissor);
        Assert.Equal("BRASILEIRO(A)", passport.Nacionalidade);
        Assert.Equal("<null>", passport.Naturalidade); // a placeholder, exposed as sent
        Assert.Equal(["Monasimpson", "Monasimpson"], passport.Filiacao!);
        Assert.Equal(new DateOnly(1920, 6, 1), passport.BirthDate!.Value.Date);
        Assert.Equal(new DateOnly(2000, 1, 1), passport.IssueDate!.Value.Date);
        Assert.Equal(new DateOnly(2010, 1, 1), passport.ExpiryDate!.Value.Date);
        Assert.Equal("SR/DPF/DF", passport.Autoridade);

        AssertRoundTrips(json, doc);
    }

    [Fact]
    public void GetProcess_rg_example_keeps_numbers_foreign_fields_and_the_invalid_date()
    {
        var doc = Read(OcrSamples.GetProcessRgDoc);

        Assert.Equal(OcrDocumentCode.Rg, doc.Code);
        var rg = Assert.IsType<OcrDocumentData>(doc.Data);

        // Numbers where strings are documented: the digits exactly as written.
        Assert.Equal("73689290074", rg.CpfNumero);
        Assert.Equal("85775532778", rg.DocumentNumber);
        Assert.True(Cpf.IsValid(rg.CpfNumero));

        Assert.Equal("John Doe", rg.NomeCivil);
        Assert.Equal(new DateOnly(1950, 6, 30), rg.BirthDate!.Value.Date);
        Assert.Equal(new DateOnly(2020, 8, 9), rg.IssueDate!.Value.Date);
        Assert.Null(rg.Filiacao);
        Assert.Null(rg.OrgaoEmissor);

        // CNH-like fields that RG does not document are still readable.
        Assert.Equal("5478854", rg.GetText("rgNumero"));
        Assert.Equal("D", rg.GetText("categoria"));
        Assert.Equal("DEREX SP", rg.GetText("localEmissao"));
        Assert.Equal(string.Empty, rg.GetText("renachNumero"));
        Assert.Equal(new DateOnly(2022, 8, 9), rg.GetDate("dataHabilitacao")!.Value.Date);
        Assert.Equal(11, rg.FieldNames.Count());

        // 2025-10-35 does not exist: no exception, no value, raw text kept.
        var expiry = rg.GetDate("dataExpiracao")!.Value;
        Assert.Equal("2025-10-35T00:00:00Z", expiry.Raw);
        Assert.Null(expiry.Value);
        Assert.Null(expiry.Date);
        Assert.False(expiry.TryGetValue(out _));

        // Written back with numbers as numbers and every field present.
        AssertRoundTrips(OcrSamples.GetProcessRgDoc, doc);
        using var written = JsonDocument.Parse(JsonSerializer.Serialize(doc, Context.OcrDocument));
        Assert.Equal(JsonValueKind.Number, written.RootElement.GetProperty("data").GetProperty("cpfNumero").ValueKind);
        Assert.Equal("73689290074", written.RootElement.GetProperty("data").GetProperty("cpfNumero").GetRawText());
    }

    [Fact]
    public void Document_inside_a_dto_round_trips_with_its_neighbours()
    {
        var json = $$"""{"doc":{{OcrSamples.GetProcessRgDoc}},"typified":true}""";
        var holder = JsonSerializer.Deserialize(json, Context.OcrDocumentHolder)!;
        Assert.IsType<OcrDocumentData>(holder.Doc!.Data);
        Assert.True(holder.Typified);
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(holder, Context.OcrDocumentHolder));

        var nullDoc = JsonSerializer.Deserialize("""{"doc":null}""", Context.OcrDocumentHolder)!;
        Assert.Null(nullDoc.Doc);
    }

    [Fact]
    public void Unknown_code_and_UNKNOWN_keep_every_field()
    {
        var unknown = Read("""{"version":2,"code":"UNKNOWN","data":{}}""");
        Assert.Equal(OcrDocumentCode.Unknown, unknown.Code);
        Assert.IsType<OcrDocumentData>(unknown.Data);
        Assert.Empty(unknown.Data!.FieldNames);

        var json = """{"version":3,"code":"CRLV","data":{"placa":"ABC1D23","ano":2020,"extra":{"nested":[1,"two",null]}},"confidence":0.93}""";
        var crlv = Read(json);
        Assert.Equal(3, crlv.Version);
        Assert.False(crlv.Code!.Value.IsKnown);
        Assert.Equal("CRLV", crlv.Code.Value.Value);
        var data = Assert.IsType<OcrDocumentData>(crlv.Data);
        Assert.Equal("ABC1D23", data.GetText("placa"));
        Assert.Equal("2020", data.GetText("ano"));
        Assert.Null(data.GetText("extra"));
        Assert.Null(data.GetTextList("placa"));
        AssertRoundTrips(json, crlv);
    }

    [Theory]
    [InlineData("""{"version":2,"code":"RG"}""")]
    [InlineData("""{"version":2,"code":"RG","data":null}""")]
    [InlineData("""{"version":2,"code":"RG","data":"not an object"}""")]
    [InlineData("""{"version":"2","code":"RG","data":[]}""")]
    [InlineData("""{"version":2.5,"code":7,"data":{}}""")]
    [InlineData("""{}""")]
    public void Odd_shapes_do_not_throw_and_round_trip(string json)
    {
        var doc = Read(json);
        AssertRoundTrips(json, doc);
    }

    [Fact]
    public void Odd_version_and_code_read_as_null_or_parsed()
    {
        Assert.Equal(2, Read("""{"version":"2"}""").Version);
        Assert.Null(Read("""{"version":2.5}""").Version);
        Assert.Null(Read("""{"code":7}""").Code);
        Assert.IsType<OcrDocumentData>(Read("""{"data":{"a":1}}""").Data);
    }

    [Fact]
    public void Text_fields_tolerate_other_json_kinds()
    {
        var doc = Read("""{"code":"CNH","data":{"numero":true,"nomeCivil":null,"cpfNumero":1.50e3,"filiacao":["A",1,null,{"x":1},"B"],"categoria":["B"]}}""");
        var cnh = Assert.IsType<OcrDocumentData>(doc.Data);
        Assert.Null(cnh.DocumentNumber);
        Assert.Null(cnh.NomeCivil);
        Assert.Equal("1.50e3", cnh.CpfNumero);
        Assert.Equal(["A", "1", "B"], cnh.Filiacao!);
        Assert.Null(cnh.Categoria);
        Assert.Null(cnh.BirthDate);
    }

    [Fact]
    public void ToString_never_prints_personal_data()
    {
        var doc = Read(OcrSamples.GetProcessRgDoc);
        var texts = new[] { doc.ToString(), doc.Data!.ToString() };
        Assert.Equal("OcrDocument RG v2 (11 fields)", texts[0]);
        Assert.Equal("OcrDocumentData (11 fields)", texts[1]);
        foreach (var text in texts)
        {
            Assert.DoesNotContain("John", text, StringComparison.Ordinal);
            Assert.DoesNotContain("73689290074", text, StringComparison.Ordinal);
            Assert.DoesNotContain("5478854", text, StringComparison.Ordinal);
        }

        var cnh = Read(OcrSamples.Doc("CNH", OcrSamples.Cnh));
        Assert.DoesNotContain("Homer", cnh.ToString() + cnh.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("54858809080", cnh.ToString() + cnh.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_built_in_code_is_written_from_its_properties()
    {
        using var data = JsonDocument.Parse(OcrSamples.Cin);
        var doc = new OcrDocument(2, OcrDocumentCode.Cin, new OcrDocumentData(data.RootElement));
        Assert.Null(doc.Json);
        Assert.IsType<OcrDocumentData>(doc.Data);

        var json = JsonSerializer.Serialize(doc, Context.OcrDocument);
        JsonAssert.Equivalent(OcrSamples.Doc("CIN", OcrSamples.Cin), json);

        Assert.Equal("{}", JsonSerializer.Serialize(new OcrDocument(null, null, null), Context.OcrDocument));
    }

    [Fact]
    public void Data_outlives_the_document_it_was_created_from()
    {
        OcrDocumentData cnh;
        using (var data = JsonDocument.Parse(OcrSamples.Cnh))
        {
            cnh = new OcrDocumentData(data.RootElement);
        }

        Assert.Equal("Homer Simpson", cnh.NomeCivil);
        Assert.Equal("Homer Simpson", cnh.Json.GetProperty("nomeCivil").GetString());
    }

    [Fact]
    public void Data_must_be_a_json_object()
    {
        using var array = JsonDocument.Parse("[]");
        Assert.Throws<ArgumentException>(() => new OcrDocumentData(array.RootElement));
        Assert.Throws<ArgumentException>(() => new OcrDocumentData(array.RootElement));
    }

    [Theory]
    [InlineData("\"RG\"")]
    [InlineData("[]")]
    [InlineData("2")]
    public void Non_object_document_fails_with_a_json_exception(string token)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($$"""{"doc":{{token}}}""", Context.OcrDocumentHolder));
        Assert.Contains("OCR document", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_on_its_own_reads_untyped_and_writes_unchanged()
    {
        var data = JsonSerializer.Deserialize(OcrSamples.Rg, Context.OcrDocumentData)!;
        Assert.IsType<OcrDocumentData>(data);
        Assert.Equal("Daniel Coelho Da Costa", data.GetText("nomeCivil"));
        JsonAssert.Equivalent(OcrSamples.Rg, JsonSerializer.Serialize(data, Context.OcrDocumentData));
    }

    private static OcrDocument Read(string json) => JsonSerializer.Deserialize(json, Context.OcrDocument)!;

    private static void AssertRoundTrips(string expectedJson, OcrDocument doc) =>
        JsonAssert.Equivalent(expectedJson, JsonSerializer.Serialize(doc, Context.OcrDocument));
}
