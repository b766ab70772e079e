using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
using Unico.IdCloud.Client.Tests.Contract;

namespace Unico.IdCloud.Client.Tests.Models;

/// <summary>
/// Document ids and OCR fields are reachable from the process without string keys or walks through nullable lists:
/// <c>process.Rg?.DocumentNumber</c>, <c>process.IdentityDocument?.Cpf</c>, <c>process.SignedDocumentIds</c>.
/// </summary>
public sealed class OcrAccessorTests
{
    [Fact]
    public void TheVendorsGetProcessExampleExposesItsDocumentAndSignedDocumentIds()
    {
        var process = JsonSerializer.Deserialize(VendorFixtures.Read("get-process-response"), IdCloudJsonContext.Default.ProcessResponse)!.Process;

        var document = Assert.Single(process.OcrDocuments);
        Assert.Equal(OcrDocumentCode.Rg, document.Code);
        Assert.Same(document.Data, process.Rg);
        Assert.Same(document.Data, process.IdentityDocument);
        Assert.Null(process.Cnh);
        Assert.Null(process.Cin);
        Assert.Null(process.Passaporte);
        Assert.Equal(["03307601-b518-49ca-b368-ae3919e24e54"], process.SignedDocumentIds);

        // The common fields, typed; cpfNumero and numero arrive as JSON numbers.
        var data = process.IdentityDocument!;
        Assert.Equal("John Doe", data.FullName);
        Assert.Equal(Cpf.Parse("73689290074"), data.Cpf);
        Assert.Equal("85775532778", data.DocumentNumber);
        Assert.Equal(new DateOnly(1950, 6, 30), data.BirthDate!.Value.Date);
        Assert.Equal(new DateOnly(2020, 8, 9), data.IssueDate!.Value.Date);
        Assert.Equal("2025-10-35T00:00:00Z", data.ExpiryDate!.Value.Raw);
        Assert.Null(data.ExpiryDate.Value.Value);
    }

    [Fact]
    public void AProcessWithoutServicesHasEmptyListsAndNoDocuments()
    {
        var process = new IdCloudProcess { Id = "p", State = ProcessState.Finished };

        Assert.Empty(process.OcrDocuments);
        Assert.Empty(process.SignedDocumentIds);
        Assert.Null(process.IdentityDocument);
        Assert.Null(process.Cnh);
    }

    [Fact]
    public void TheTypedDocumentsAreFoundAcrossServicesAndAnEmptyUnknownDocumentIsSkipped()
    {
        var json =
            """{"process":{"id":"p","state":"PROCESS_STATE_FINISHED","services":["""
            + """{"documents":[{"doc":{"version":2,"code":"UNKNOWN","data":{}}},{"typified":false},{"doc":null}],"documentIds":["d1",""]},"""
            + """{"documents":[{"doc":""" + OcrSamples.Doc("CNH", OcrSamples.Cnh) + "}]},"
            + """{"documents":[{"doc":""" + OcrSamples.Doc("PASSAPORTE", OcrSamples.Passaporte) + """}],"documentIds":["d2"]}"""
            + "]}}";

        var process = JsonSerializer.Deserialize(json, IdCloudJsonContext.Default.ProcessResponse)!.Process;

        Assert.Equal(3, process.OcrDocuments.Count);
        Assert.Equal(["d1", "d2"], process.SignedDocumentIds);
        Assert.Equal("B", process.Cnh!.Categoria);
        Assert.Same(process.Cnh, process.IdentityDocument);
        Assert.Equal("Homer Simpson", process.IdentityDocument!.FullName);
        Assert.Equal(Cpf.Parse("54858809080"), process.IdentityDocument.Cpf);
        Assert.Equal("044589731564", process.IdentityDocument.DocumentNumber);
        Assert.Equal(new DateOnly(2017, 12, 7), process.Cnh.ExpiryDate!.Value.Date);
        Assert.Null(process.Cnh.IssueDate);
        Assert.Equal("CHANCHÃO AMARELO PASSAREDO", process.Passaporte!.FullName);
        Assert.Null(process.Passaporte.Cpf);
        Assert.Equal("AA011906", process.Passaporte.DocumentNumber);
    }

    [Theory]
    [InlineData("""{"cpfNumero":1234567890}""", "01234567890")]
    [InlineData("""{"cpfNumero":"736.892.900-74"}""", "73689290074")]
    [InlineData("""{"cpfNumero":"73689290075"}""", null)]
    [InlineData("""{"cpfNumero":"1234567890"}""", null)]
    [InlineData("""{"cpfNumero":true}""", null)]
    [InlineData("""{}""", null)]
    public void TheCpfOfADocumentIsValidatedAndANumberGetsItsLeadingZerosBack(string data, string? expected)
    {
        using var json = JsonDocument.Parse(data);
        var document = new OcrDocumentData(json.RootElement);

        Assert.Equal(expected, document.Cpf?.Value);
    }
}
