using System.Net;
using System.Text.Json;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

public sealed class SignatureApiTests(EmulatorFixture fixture) : SignatureApiTests<EmulatorFixture>(fixture);

/// <summary>The same tests against the in-memory emulator (no sockets): the behaviour must not differ.</summary>
public sealed class InMemorySignatureApiTests(InMemoryFixture fixture) : SignatureApiTests<InMemoryFixture>(fixture);

/// <summary>The tests, for either mode.</summary>
/// <typeparam name="TFixture">Starts the emulator over sockets or in memory.</typeparam>
public abstract class SignatureApiTests<TFixture>(TFixture fixture) : EmulatorTest<TFixture>(fixture)
    where TFixture : EmulatorFixture
{
    [Theory]
    [InlineData("file", "Documento assinado")]
    [InlineData("evidence", "Conjunto probatorio da assinatura")]
    public async Task A_signed_document_and_its_evidence_are_pdfs(string kind, string title)
    {
        var (token, documentId) = await SignedDocumentAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, $"/api/v1/service/{kind}/{documentId}", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        var pdf = PdfStructure.Parse(bytes);
        Assert.Contains(title, pdf.PageContent, StringComparison.Ordinal);
        Assert.Contains(documentId, pdf.PageContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_signed_document_has_exactly_the_requested_size_and_stays_valid()
    {
        Emulator.SignedDocumentSize = 5_000_000;
        var (token, documentId) = await SignedDocumentAsync();

        using var response = await Http.SendAsync(
            EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, $"/api/v1/service/file/{documentId}", token),
            HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5_000_000, response.Content.Headers.ContentLength);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(5_000_000, bytes.Length);
        var pdf = PdfStructure.Parse(bytes);
        Assert.Equal(7, pdf.ObjectCount); // catalog, pages, page, font, contents, info + the filler stream
    }

    [Fact]
    public async Task The_evidence_size_is_configurable_separately()
    {
        Emulator.SignatureEvidenceSize = 300_000;
        var (token, documentId) = await SignedDocumentAsync();

        using var evidence = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, $"/api/v1/service/evidence/{documentId}", token));
        using var file = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, $"/api/v1/service/file/{documentId}", token));

        Assert.Equal(300_000, (await evidence.Content.ReadAsByteArrayAsync()).Length);
        Assert.True((await file.Content.ReadAsByteArrayAsync()).Length < 10_000);
    }

    [Fact]
    public async Task An_unknown_document_answers_the_documented_file_body_with_404()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, "/api/v1/service/file/" + Guid.NewGuid(), token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("sucess").GetBoolean());
        Assert.Equal("Falha ao consultar o arquivo do documento.", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("Documento não existe.", json.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public async Task An_unknown_document_answers_the_documented_evidence_body_with_404()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, "/api/v1/service/evidence/" + Guid.NewGuid(), token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Not Found - Documento não existe", json.RootElement.GetProperty("Message").GetString());
        Assert.Equal(404, json.RootElement.GetProperty("StatusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("Errors").ValueKind);
    }

    [Fact]
    public async Task A_document_that_is_not_ready_yet_appears_after_the_scripted_number_of_requests()
    {
        Emulator.SignedDocumentNotReadyRequests = 2;
        var (token, documentId) = await SignedDocumentAsync();
        var path = "/api/v1/service/file/" + documentId;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, path, token));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Another_tenant_cannot_download_the_document()
    {
        var (_, documentId) = await SignedDocumentAsync();
        var stranger = Emulator.CreateServiceAccount("outsider", "another-tenant");
        var strangerToken = await EmulatorHttp.GetAccessTokenAsync(Http, Emulator, stranger, Clock.GetUtcNow());

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, "/api/v1/service/file/" + documentId, strangerToken));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(string Token, string DocumentId)> SignedDocumentAsync()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idunicosign"))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);
        var process = await GetProcessAsync(token, id);
        var documentId = process.GetProperty("services")[0].GetProperty("documentIds")[0].GetString()!;
        return (token, documentId);
    }
}
