using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
using Unico.IdCloud.Client.Tests.Contract;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.Clients;

/// <summary>
/// Every method of the generated Refit interfaces, as the SDK configures them: the request on the wire (method, path,
/// headers, body, operation tag) and the typed result; then the failures every method must turn into the SDK's
/// exceptions (never Refit's ApiException, an HttpRequestException or a null result).
/// </summary>
public sealed class RefitInterfaceWireTests : IDisposable
{
    private const string ProcessBase = "https://api.cadastro.uat.unico.app/";
    private const string SignBase = "https://signhom.acesso.io/";
    private const string ProcessId = "53060f52-f146-4c12-a234-5bb5031f6f5b";
    private const string DocumentId = "03307601-b518-49ca-b368-ae3919e24e54";

    private readonly MockHttpMessageHandler _mock = new();
    private readonly HttpClient _processHttp;
    private readonly HttpClient _signHttp;
    private readonly IIdCloudProcessApi _process;
    private readonly IIdCloudSignatureApi _sign;

    public RefitInterfaceWireTests()
    {
        _processHttp = RefitClients.HttpClient(_mock, ProcessBase);
        _signHttp = RefitClients.HttpClient(_mock, SignBase);
        _process = RefitClients.ProcessApi(_processHttp);
        _sign = RefitClients.SignatureApi(_signHttp);
    }

    public void Dispose()
    {
        _processHttp.Dispose();
        _signHttp.Dispose();
        _mock.Dispose();
    }

    [Fact]
    public async Task CreateProcessPostsTheJsonBodyAndReturnsTheTypedProcess()
    {
        var request = JsonSerializer.Deserialize(VendorFixtures.Read("create-process-request-idlive"), IdCloudJsonContext.Default.CreateProcessRequest)!;
        var sent = Capture(HttpMethod.Post, ProcessBase + "client/v1/process", "application/json", VendorFixtures.Read("create-process-response"));

        var response = await _process.CreateProcessAsync(request);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(IdCloudOperation.CreateProcess, sent.Operation);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("utf-8", sent.CharSet);
        JsonAssert.Equivalent(VendorFixtures.Read("create-process-request-idlive"), sent.Body!);
        Assert.Equal(ProcessId, response.Id);
        Assert.Equal(ProcessState.Created, response.State);
    }

    [Fact]
    public async Task GetProcessGetsWithoutABodyAndReturnsTheTypedProcess()
    {
        var sent = Capture(HttpMethod.Get, ProcessBase + "client/v1/process/" + ProcessId, "application/json", VendorFixtures.Read("get-process-response"));

        var response = await _process.GetProcessAsync(ProcessId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(IdCloudOperation.GetProcess, sent.Operation);
        Assert.Null(sent.Body);
        Assert.Equal(ProcessState.Finished, response.State);
        Assert.Equal(ProcessResult.Ok, response.Result);
    }

    [Theory]
    [InlineData("selfie", "image/jpeg")]
    [InlineData("evidenceset", "x-pdf")]
    public async Task FileOperationsGetAndReturnTheTypedFile(string path, string contentType)
    {
        var bytes = new byte[] { 1, 2, 3, 250 };
        var sent = Capture(
            HttpMethod.Get,
            ProcessBase + $"client/v1/process/{ProcessId}/{path}",
            "application/json",
            $$"""{"fileContents":"{{Convert.ToBase64String(bytes)}}","contentType":"{{contentType}}"}""");

        var response = path == "selfie" ? await _process.GetSelfieAsync(ProcessId) : await _process.GetEvidenceSetAsync(ProcessId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(path == "selfie" ? IdCloudOperation.GetSelfie : IdCloudOperation.GetEvidenceSet, sent.Operation);
        Assert.Null(sent.Body);
        Assert.Equal(bytes, response.Content.ToArray());
        Assert.Equal(contentType == "x-pdf" ? "application/pdf" : contentType, response.ContentType);
    }

    /// <summary>
    /// The Refit methods under the typed file methods hand the JSON answer over unread (Refit would otherwise buffer
    /// all of it before deserializing): nothing of the body has been read when the call returns.
    /// </summary>
    [Theory]
    [InlineData("selfie")]
    [InlineData("evidenceset")]
    public async Task FileContentOperationsGetAndHandTheJsonAnswerOverUnread(string path)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"fileContents":"{{Convert.ToBase64String([1, 2, 3, 250])}}","contentType":"image/jpeg"}""");
        var body = new RecordingStream(json);
        IdCloudOperation? operation = null;
        _mock.Expect(HttpMethod.Get, ProcessBase + $"client/v1/process/{ProcessId}/{path}")
            .WithHeaders("Accept", "application/json")
            .Respond(message =>
            {
                message.Options.TryGetValue(IdCloudOperation.OptionsKey, out operation);
                var content = new StreamContent(body);
                content.Headers.ContentType = new("application/json");
                content.Headers.ContentLength = json.Length;
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            });

        using var answer = path == "selfie" ? await _process.GetSelfieContentAsync(ProcessId) : await _process.GetEvidenceSetContentAsync(ProcessId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(path == "selfie" ? IdCloudOperation.GetSelfie : IdCloudOperation.GetEvidenceSet, operation);
        Assert.Equal(0, body.BytesRead);
        Assert.Equal("application/json", answer.Headers.ContentType!.MediaType);
        Assert.Equal(json, await answer.ReadAsByteArrayAsync());
    }

    /// <summary>The typed file methods read the answer once, as it arrives (escapes included), and release it.</summary>
    [Theory]
    [InlineData("selfie")]
    [InlineData("evidenceset")]
    public async Task FileOperationsReadTheAnswerAsItArrivesAndReleaseIt(string path)
    {
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        var base64 = Convert.ToBase64String(bytes).Replace("/", "\\/", StringComparison.Ordinal);
        var json = Encoding.UTF8.GetBytes($$"""{"contentType":"x-pdf","fileContents":"{{base64}}"}""");
        var body = new RecordingStream(json);
        _mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body, 1000) });

        var file = path == "selfie" ? await _process.GetSelfieAsync(ProcessId) : await _process.GetEvidenceSetAsync(ProcessId);

        Assert.Equal(bytes, file.Content.ToArray());
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(json.Length, body.BytesRead);
        Assert.True(body.Disposed, "The answer is released once decoded.");
    }

    public static TheoryData<string, string> FileMethodsAndUnreadableBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { nameof(IIdCloudProcessApi.GetSelfieAsync), nameof(IIdCloudProcessApi.GetEvidenceSetAsync) })
        {
            data.Add(method, """{"fileContents":"AAEC""");                        // the JSON ends early
            data.Add(method, """{"fileContents":"AAE","contentType":"x-pdf"}"""); // truncated base64
            data.Add(method, """{"fileContents":"not base64!"}""");               // invalid base64
            data.Add(method, """{"fileContents":null}""");
            data.Add(method, """{"fileContents":12}""");
            data.Add(method, """{"contentType":"x-pdf"}""");
            data.Add(method, "null");
            data.Add(method, "<html><body>Sign in</body></html>");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FileMethodsAndUnreadableBodies))]
    public async Task AFileAnswerThatCannotBeDecodedIsAnInvalidResponse(string method, string body)
    {
        _mock.When("*").Respond("application/json", body);

        // Only Refit and the operation tag here: what the full pipeline adds to these errors (the request, the
        // operation) is asserted in InlineFilePipelineTests.
        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => Call(method));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.False(exception.RequestMayHaveBeenProcessed);
        Assert.DoesNotContain("base64!", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetProcessDocumentPostsTheDocumentAndReturnsTheTypedProcess()
    {
        var sent = Capture(
            HttpMethod.Post,
            ProcessBase + $"client/v1/process/{ProcessId}/document",
            "application/json",
            """{"process":{"id":""" + "\"" + ProcessId + "\"" + ""","person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}}}""");

        var response = await _process.SetProcessDocumentAsync(ProcessId, new SetProcessDocumentRequest { DuiType = DuiType.BrCpf, DuiValue = "73689290074" });

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(IdCloudOperation.SetProcessDocument, sent.Operation);
        Assert.Equal("application/json", sent.ContentType);
        JsonAssert.Equivalent("""{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""", sent.Body!);
        Assert.Equal(ProcessId, response.Id);
        Assert.Equal(DuiType.BrCpf, response.Person!.DuiType);
        Assert.Equal("73689290074", response.Person.DuiValue);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("evidence")]
    public async Task DownloadsGetThePdfAndHandTheBodyOverUnread(string path)
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n");
        var body = new RecordingStream(pdf);
        IdCloudOperation? operation = null;
        _mock.Expect(HttpMethod.Get, SignBase + $"api/v1/service/{path}/{DocumentId}")
            .With(m => string.Join(",", m.Headers.GetValues("Accept")).Replace(" ", "", StringComparison.Ordinal) == "application/pdf,application/json;q=0.9")
            .Respond(message =>
            {
                message.Options.TryGetValue(IdCloudOperation.OptionsKey, out operation);
                var content = new StreamContent(body);
                content.Headers.ContentType = new("application/pdf");
                content.Headers.ContentLength = pdf.Length;
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            });

        using var download = path == "file" ? await _sign.GetSignedDocumentAsync(DocumentId) : await _sign.GetSignatureEvidenceAsync(DocumentId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(path == "file" ? IdCloudOperation.GetSignedDocument : IdCloudOperation.GetSignatureEvidence, operation);
        Assert.Equal(0, body.BytesRead);
        Assert.Equal("application/pdf", download.Headers.ContentType!.MediaType);
        Assert.Equal(pdf, await download.ReadAsByteArrayAsync());
    }

    public static TheoryData<string> AllMethods => new()
    {
        nameof(IIdCloudProcessApi.CreateProcessAsync),
        nameof(IIdCloudProcessApi.GetProcessAsync),
        nameof(IIdCloudProcessApi.GetSelfieAsync),
        nameof(IIdCloudProcessApi.GetEvidenceSetAsync),
        nameof(IIdCloudProcessApi.GetSelfieContentAsync),
        nameof(IIdCloudProcessApi.GetEvidenceSetContentAsync),
        nameof(IIdCloudProcessApi.SetProcessDocumentAsync),
        nameof(IIdCloudSignatureApi.GetSignedDocumentAsync),
        nameof(IIdCloudSignatureApi.GetSignatureEvidenceAsync),
    };

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task AnEmpty200IsAnInvalidResponseNotNull(string method)
    {
        _mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => Call(method));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, exception.Kind);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.NotNull(exception.RequestUri);
        // A success of a call that is not idempotent was acted on: the caller must not simply repeat it.
        Assert.Equal(!IsIdempotent(method), exception.RequestMayHaveBeenProcessed);
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task AnHtml502FromAGatewayIsAServiceUnavailableApiError(string method)
    {
        _mock.When("*").Respond(
            HttpStatusCode.BadGateway,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>");

        var exception = await Assert.ThrowsAsync<IdCloudApiException>(() => Call(method));

        Assert.Equal(IdCloudErrorKind.ServiceUnavailable, exception.Kind);
        Assert.Equal(HttpStatusCode.BadGateway, exception.StatusCode);
        Assert.DoesNotContain("<html>", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(!IsIdempotent(method), exception.RequestMayHaveBeenProcessed);
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task ADroppedConnectionIsATransportError(string method)
    {
        _mock.When("*").Throw(new HttpRequestException(
            HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("connection reset")));

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () => Call(method));

        Assert.Equal(IdCloudErrorKind.Transport, exception.Kind);
        Assert.IsType<HttpRequestException>(exception.InnerException);
        Assert.NotNull(exception.RequestUri);
        Assert.Equal(!IsIdempotent(method), exception.RequestMayHaveBeenProcessed);
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task TheCallersCancellationStaysACancellation(string method)
    {
        var sent = 0;
        _mock.When("*").Respond(_ =>
        {
            Interlocked.Increment(ref sent);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var call = Call(method, cancellation.Token);

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.Equal(0, sent);
    }

    [Theory]
    [InlineData("""{"process":null}""")]
    [InlineData("null")]
    [InlineData("""{"process":""")]
    public async Task AProcessEnvelopeWithoutItsProcessIsAnInvalidResponse(string body)
    {
        _mock.When("*").Respond("application/json", body);

        await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _process.GetProcessAsync(ProcessId));
        await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _process.SetProcessDocumentAsync(
            ProcessId, new SetProcessDocumentRequest { DuiType = DuiType.BrCpf, DuiValue = "73689290074" }));
    }

    [Theory]
    [InlineData("application/json", """{"success":false,"message":"Documento não encontrado"}""")]
    [InlineData("text/html", "<html><body>Sign in</body></html>")]
    public async Task ADownloadThatIsAPageInsteadOfAFileIsAnInvalidResponse(string mediaType, string body)
    {
        _mock.When("*").Respond(mediaType, body);

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _sign.GetSignedDocumentAsync(DocumentId));

        Assert.Contains(mediaType, exception.Message, StringComparison.Ordinal);
    }

    private static bool IsIdempotent(string method) =>
        method is not (nameof(IIdCloudProcessApi.CreateProcessAsync) or nameof(IIdCloudProcessApi.SetProcessDocumentAsync));

    private async Task Call(string method, CancellationToken cancellationToken = default)
    {
        switch (method)
        {
            case nameof(IIdCloudProcessApi.CreateProcessAsync):
                var request = JsonSerializer.Deserialize(VendorFixtures.Read("create-process-request-idlive"), IdCloudJsonContext.Default.CreateProcessRequest)!;
                await _process.CreateProcessAsync(request, cancellationToken);
                break;
            case nameof(IIdCloudProcessApi.GetProcessAsync):
                await _process.GetProcessAsync(ProcessId, cancellationToken);
                break;
            case nameof(IIdCloudProcessApi.GetSelfieAsync):
                await _process.GetSelfieAsync(ProcessId, cancellationToken);
                break;
            case nameof(IIdCloudProcessApi.GetEvidenceSetAsync):
                await _process.GetEvidenceSetAsync(ProcessId, cancellationToken);
                break;
            case nameof(IIdCloudProcessApi.GetSelfieContentAsync):
                (await _process.GetSelfieContentAsync(ProcessId, cancellationToken)).Dispose();
                break;
            case nameof(IIdCloudProcessApi.GetEvidenceSetContentAsync):
                (await _process.GetEvidenceSetContentAsync(ProcessId, cancellationToken)).Dispose();
                break;
            case nameof(IIdCloudProcessApi.SetProcessDocumentAsync):
                await _process.SetProcessDocumentAsync(ProcessId, new SetProcessDocumentRequest { DuiType = DuiType.BrCpf, DuiValue = "73689290074" }, cancellationToken);
                break;
            case nameof(IIdCloudSignatureApi.GetSignedDocumentAsync):
                (await _sign.GetSignedDocumentAsync(DocumentId, cancellationToken)).Dispose();
                break;
            case nameof(IIdCloudSignatureApi.GetSignatureEvidenceAsync):
                (await _sign.GetSignatureEvidenceAsync(DocumentId, cancellationToken)).Dispose();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, null);
        }
    }

    private SentRequest Capture(HttpMethod method, string url, string accept, string responseJson)
    {
        var sent = new SentRequest();
        _mock.Expect(method, url)
            .WithHeaders("Accept", accept)
            .Respond(async message =>
            {
                message.Options.TryGetValue(IdCloudOperation.OptionsKey, out var operation);
                sent.Operation = operation;
                sent.ContentType = message.Content?.Headers.ContentType?.MediaType;
                sent.CharSet = message.Content?.Headers.ContentType?.CharSet;
                sent.Body = message.Content is null ? null : await message.Content.ReadAsStringAsync();
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(responseJson, Encoding.UTF8, "application/json") };
            });
        return sent;
    }

    private sealed class SentRequest
    {
        public IdCloudOperation? Operation { get; set; }

        public string? ContentType { get; set; }

        public string? CharSet { get; set; }

        public string? Body { get; set; }
    }
}
