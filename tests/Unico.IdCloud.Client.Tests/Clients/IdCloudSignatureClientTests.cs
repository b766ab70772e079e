using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RichardSzalay.MockHttp;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Tests.Clients;

/// <summary>The signature client on the wire: streamed PDF downloads the caller disposes.</summary>
public sealed class IdCloudSignatureClientTests : IDisposable
{
    private const string BaseAddress = "https://signhom.acesso.io/";
    private const string DocumentId = "03307601-b518-49ca-b368-ae3919e24e54";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private readonly MockHttpMessageHandler _mock = new();
    private readonly HttpClient _httpClient;
    private readonly IdCloudSignatureClient _client;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "idcloud-sign-tests-" + Guid.NewGuid().ToString("N"));

    public IdCloudSignatureClientTests()
    {
        _httpClient = RefitClients.HttpClient(_mock, BaseAddress);
        _client = new IdCloudSignatureClient(RefitClients.SignatureApi(_httpClient));
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        _httpClient.Dispose();
        _mock.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<string, string> Endpoints => new()
    {
        { nameof(IdCloudSignatureClient.GetSignedDocumentAsync), "api/v1/service/file/" },
        { nameof(IdCloudSignatureClient.GetSignatureEvidenceAsync), "api/v1/service/evidence/" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task DownloadsGetThePdfWithItsMetadata(string method, string path)
    {
        IdCloudOperation? sentOperation = null;
        _mock.Expect(HttpMethod.Get, BaseAddress + path + DocumentId)
            .With(m => string.Join(",", m.Headers.GetValues("Accept")).Replace(" ", "", StringComparison.Ordinal) == "application/pdf,application/json;q=0.9")
            .Respond(message =>
            {
                message.Options.TryGetValue(IdCloudOperation.OptionsKey, out sentOperation);
                return PdfResponse(new RecordingStream(Pdf), "signed.pdf");
            });

        await using var download = await Call(method, DocumentId);
        using var copy = new MemoryStream();
        await download.CopyToAsync(copy);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(method == nameof(IdCloudSignatureClient.GetSignedDocumentAsync) ? IdCloudOperation.GetSignedDocument : IdCloudOperation.GetSignatureEvidence, sentOperation);
        Assert.Equal(Pdf, copy.ToArray());
        Assert.Equal("application/pdf", download.ContentType);
        Assert.Equal(Pdf.Length, download.ContentLength);
        Assert.Equal("signed.pdf", download.FileName);
    }

    [Fact]
    public async Task TheBodyIsHandedOverUnreadAndReleasedWhenTheCallerDisposes()
    {
        var body = new RecordingStream(Pdf);
        _mock.When("*").Respond(_ => PdfResponse(body, fileName: null));

        var download = await _client.GetSignedDocumentAsync(DocumentId);

        Assert.Equal(0, body.BytesRead);
        Assert.False(body.Disposed);
        Assert.Null(download.FileName);

        var first = new byte[4];
        await download.Content.ReadExactlyAsync(first);
        Assert.Equal("%PDF"u8.ToArray(), first);

        await download.DisposeAsync();
        Assert.True(body.Disposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => download.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task SaveToFileWritesTheWholeDocument()
    {
        _mock.When("*").Respond(_ => PdfResponse(new RecordingStream(Pdf), "evidence.pdf"));
        var path = Path.Combine(_directory, "evidence.pdf");
        await File.WriteAllTextAsync(path, "an older, longer file that must be replaced entirely");

        using (var download = await _client.GetSignatureEvidenceAsync(DocumentId))
        {
            await download.SaveToFileAsync(path);
        }

        Assert.Equal(Pdf, await File.ReadAllBytesAsync(path));
        Assert.Equal(["evidence.pdf"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ABrokenDownloadIsATransportErrorAndLeavesNoFile()
    {
        _mock.When("*").Respond(_ => PdfResponse(new RecordingStream(Pdf, failAfterBytes: 10), "signed.pdf"));
        var path = Path.Combine(_directory, "signed.pdf");

        await using var download = await _client.GetSignedDocumentAsync(DocumentId);
        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () => download.SaveToFileAsync(path));

        Assert.Equal(IdCloudErrorKind.Transport, exception.Kind);
        Assert.False(exception.RequestMayHaveBeenProcessed);
        Assert.IsType<IOException>(exception.InnerException);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    /// <summary>
    /// Through the chain AddIdCloud() builds, a connection that breaks while the PDF is being read is a transport
    /// failure like any other: it names the request (its URL without query string) and the operation. It once came out
    /// with no <see cref="IdCloudException.RequestUri"/>.
    /// </summary>
    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ADownloadThatBreaksMidBodyNamesItsRequestThroughTheWholePipeline(string method, string path)
    {
        var stub = new Http.StubHttpHandler((_, _, _) => Task.FromResult(PdfResponse(new RecordingStream(Pdf, failAfterBytes: 10), "signed.pdf")));
        using var harness = Http.PipelineHarness.Create(stub, clientName: "signature");
        using var http = new HttpClient(new IdCloudOperationHandler { InnerHandler = harness.Chain("signature", stub) })
        {
            BaseAddress = new Uri(BaseAddress),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var client = new IdCloudSignatureClient(RefitClients.SignatureApi(http));
        var target = Path.Combine(_directory, "broken.pdf");

        await using var download = method == nameof(IdCloudSignatureClient.GetSignedDocumentAsync)
            ? await client.GetSignedDocumentAsync(DocumentId)
            : await client.GetSignatureEvidenceAsync(DocumentId);
        var exception = await Assert.ThrowsAsync<IdCloudException>(() => download.SaveToFileAsync(target));

        Assert.Equal(IdCloudErrorKind.Transport, exception.Kind);
        Assert.Equal(new Uri(BaseAddress + path + DocumentId), exception.RequestUri);
        Assert.Equal("GET", exception.RequestMethod);
        Assert.Equal(method == nameof(IdCloudSignatureClient.GetSignedDocumentAsync) ? "GetSignedDocument" : "GetSignatureEvidence", exception.Operation);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.False(exception.RequestMayHaveBeenProcessed);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task AFailingDestinationIsTheCallersErrorNotTheServices()
    {
        _mock.When("*").Respond(_ => PdfResponse(new RecordingStream(Pdf), "signed.pdf"));

        await using var download = await _client.GetSignedDocumentAsync(DocumentId);

        await Assert.ThrowsAsync<NotSupportedException>(() => download.CopyToAsync(new MemoryStream([], writable: false)));
    }

    [Theory]
    [InlineData("application/json", """{"sucess":false,"message":"Falha ao consultar o arquivo do documento.","data":"Documento não existe."}""")]
    [InlineData("text/html", "<html><body>Gateway</body></html>")]
    public async Task ASuccessThatIsNotAFileIsAnInvalidResponseAndIsReleased(string mediaType, string body)
    {
        var stream = new RecordingStream(Encoding.UTF8.GetBytes(body));
        _mock.When("*").Respond(_ =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _client.GetSignedDocumentAsync(DocumentId));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.True(stream.Disposed);
    }

    [Fact]
    public async Task AnUnknownDocumentIsNotFound()
    {
        _mock.When("*").Respond(HttpStatusCode.NotFound, "application/json", """{"Message":"Not Found - Documento não existe","StatusCode":404,"Errors":null}""");

        await IdCloudAssert.ThrowsAsync<IdCloudApiException>(IdCloudErrorKind.NotFound, () => _client.GetSignatureEvidenceAsync(DocumentId));
    }

    [Theory]
    [MemberData(nameof(InvalidIds.All), MemberType = typeof(InvalidIds))]
    public async Task InvalidDocumentIdsAreRejectedBeforeSending(string documentId)
    {
        var sent = CountRequests();

        foreach (var method in new[] { nameof(IdCloudSignatureClient.GetSignedDocumentAsync), nameof(IdCloudSignatureClient.GetSignatureEvidenceAsync) })
        {
            var exception = await Assert.ThrowsAsync<IdCloudValidationException>(() => Call(method, documentId));
            Assert.Equal(IdCloudErrorKind.Validation, exception.Kind);
            Assert.Equal("documentId", Assert.Single(exception.Errors).Field);
        }

        Assert.Equal(0, sent());
    }

    [Fact]
    public async Task ANullDocumentIdIsRejectedBeforeSending()
    {
        var sent = CountRequests();

        Assert.Equal("documentId", (await Assert.ThrowsAsync<ArgumentNullException>(() => _client.GetSignedDocumentAsync(null!))).ParamName);
        Assert.Equal("documentId", (await Assert.ThrowsAsync<ArgumentNullException>(() => _client.GetSignatureEvidenceAsync(null!))).ParamName);
        Assert.Equal(0, sent());
    }

    private Task<IdCloudFileStream> Call(string method, string documentId) =>
        method == nameof(IdCloudSignatureClient.GetSignedDocumentAsync)
            ? _client.GetSignedDocumentAsync(documentId)
            : _client.GetSignatureEvidenceAsync(documentId);

    private Func<int> CountRequests()
    {
        var count = 0;
        _mock.Fallback.Respond(_ =>
        {
            Interlocked.Increment(ref count);
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        });
        return () => Volatile.Read(ref count);
    }

    private static HttpResponseMessage PdfResponse(Stream body, string? fileName)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Headers.ContentLength = Pdf.Length;
        if (fileName is not null)
        {
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{fileName}\"" };
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
