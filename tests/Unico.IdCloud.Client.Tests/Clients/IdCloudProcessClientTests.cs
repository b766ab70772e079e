using System.Net;
using System.Net.Http.Headers;
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

/// <summary>The process client on the wire: method, path, headers, body, and how answers become results or errors.</summary>
public sealed class IdCloudProcessClientTests : IDisposable
{
    private const string BaseAddress = "https://api.cadastro.uat.unico.app/";
    private const string ProcessId = "53060f52-f146-4c12-a234-5bb5031f6f5b";

    private readonly MockHttpMessageHandler _mock = new();
    private readonly HttpClient _httpClient;
    private readonly IdCloudProcessClient _client;

    public IdCloudProcessClientTests()
    {
        _httpClient = RefitClients.HttpClient(_mock, BaseAddress);
        _client = new IdCloudProcessClient(RefitClients.ProcessApi(_httpClient));
    }

    public void Dispose()
    {
        _httpClient.Dispose();
        _mock.Dispose();
    }

    [Fact]
    public async Task CreateProcessPostsTheRequestAsJsonAndReturnsTheProcess()
    {
        // The vendor's example elides the PDF ("JVBERi0x[...]Cg=="), which the client refuses to send (it validates
        // before spending an API call), so a real PDF takes its place in both the request and the expected body.
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");
        var expected = JsonNode.Parse(VendorFixtures.Read("create-process-request"))!;
        expected["payload"]![0]!["envelopePayload"]!["documents"]![0]!["fileContents"] = Convert.ToBase64String(pdf);
        var fixture = expected.ToJsonString();
        var request = JsonSerializer.Deserialize(fixture, IdCloudJsonContext.Default.CreateProcessRequest)!;
        string? sentBody = null;
        MediaTypeHeaderValue? sentContentType = null;
        IdCloudOperation? sentOperation = null;
        _mock.Expect(HttpMethod.Post, BaseAddress + "client/v1/process")
            .WithHeaders("Accept", "application/json")
            .Respond(async message =>
            {
                sentContentType = message.Content!.Headers.ContentType;
                sentBody = await message.Content.ReadAsStringAsync();
                message.Options.TryGetValue(IdCloudOperation.OptionsKey, out sentOperation);
                return Json(VendorFixtures.Read("create-process-response"));
            });

        var process = await _client.CreateProcessAsync(request);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("application/json", sentContentType!.MediaType);
        Assert.Equal("utf-8", sentContentType.CharSet);
        JsonAssert.Equivalent(fixture, sentBody!);
        Assert.Same(IdCloudOperation.CreateProcess, sentOperation);
        Assert.Equal(ProcessId, process.Id);
        Assert.Equal(ProcessState.Created, process.State);
        Assert.Equal("https://cadastro.dev.unico.app/process/" + ProcessId, process.UserRedirectUrl);
    }

    [Fact]
    public async Task CreateProcessStreamsLargeDocumentsAndTheBodyCanBeSentAgain()
    {
        // A 6 MB PDF: the body is written straight to the request stream by the SDK's streaming content (never a
        // buffered copy), with its exact length announced up front, and a handler that re-sends the same message (a
        // retry) gets the same body again.
        var pdf = new byte[6 * 1024 * 1024];
        new Random(7).NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdUnicoSign,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { Email = "signer@example.com" },
            Payload =
            [
                new EnvelopePayload
                {
                    Documents = [new EnvelopeDocument { DocumentName = "contract.pdf", FileContents = pdf }],
                },
            ],
        };
        var bodies = new List<byte[]>();
        long? declaredLength = -1;
        Type? contentType = null;
        _mock.When(HttpMethod.Post, BaseAddress + "client/v1/process").Respond(async message =>
        {
            // CopyToAsync serializes the content like the socket handler does, without buffering it in the message.
            declaredLength = message.Content!.Headers.ContentLength;
            contentType = message.Content.GetType();
            using var body = new MemoryStream();
            await message.Content.CopyToAsync(body);
            bodies.Add(body.ToArray());
            return Json(VendorFixtures.Read("create-process-response"));
        });
        using var resending = RefitClients.HttpClient(new SendTwiceHandler(_mock), BaseAddress);

        await new IdCloudProcessClient(RefitClients.ProcessApi(resending)).CreateProcessAsync(request);

        Assert.Equal(typeof(IdCloudCreateProcessContent), contentType);
        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0].LongLength, declaredLength);
        Assert.Equal(bodies[0], bodies[1]);
        using var sent = JsonDocument.Parse(bodies[0]);
        var fileContents = sent.RootElement.GetProperty("payload")[0].GetProperty("envelopePayload").GetProperty("documents")[0].GetProperty("fileContents");
        Assert.Equal(pdf, fileContents.GetBytesFromBase64());
    }

    [Fact]
    public async Task AnInvalidCreateProcessIsRejectedWithEveryProblemAndNothingIsSent()
    {
        var request = new CreateProcessRequest
        {
            CallbackUri = "http://insecure.example/callback",
            Flow = Flow.IdUnicoSign,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson
            {
                DuiType = DuiType.BrCpf,
                DuiValue = "12345678900",
                Phone = "11999",
                Notifications = [NotificationChannel.WhatsApp],
            },
        };
        var sent = 0;
        _mock.When("*").Respond(_ =>
        {
            Interlocked.Increment(ref sent);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        var error = await Assert.ThrowsAsync<IdCloudValidationException>(() => _client.CreateProcessAsync(request));

        Assert.Equal(0, sent);
        Assert.Equal(IdCloudErrorKind.Validation, error.Kind);
        var fields = error.Errors.Select(e => e.Field).ToHashSet();
        Assert.Contains("callbackUri", fields);
        Assert.Contains("person.duiValue", fields);
        Assert.Contains("person.phone", fields);
        Assert.Contains("person.email", fields);
        Assert.Contains("payload", fields);
        Assert.DoesNotContain("12345678900", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProcessGetsTheEscapedIdAndReadsTheResult()
    {
        IdCloudOperation? sentOperation = null;
        _mock.Expect(HttpMethod.Get, BaseAddress + "client/v1/process/" + ProcessId)
            .WithHeaders("Accept", "application/json")
            .Respond(message =>
            {
                Assert.Null(message.Content);
                message.Options.TryGetValue(IdCloudOperation.OptionsKey, out sentOperation);
                return Json(VendorFixtures.Read("get-process-response"));
            });

        var process = await _client.GetProcessAsync(ProcessId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(IdCloudOperation.GetProcess, sentOperation);
        Assert.Equal(ProcessState.Finished, process.State);
        Assert.Equal(ProcessResult.Ok, process.Result);
        Assert.Equal(AuthenticationResult.Inconclusive, process.AuthenticationInfo!.AuthenticationResult);
    }

    [Fact]
    public async Task IdsAreEscapedAsOnePathSegment()
    {
        Uri? sentUri = null;
        _mock.When("*").Respond(message =>
        {
            sentUri = message.RequestUri;
            return Json("""{"process":{"id":"x","state":"PROCESS_STATE_CREATED"}}""");
        });

        await _client.GetProcessAsync("ação:1+2");

        Assert.Equal("/client/v1/process/a%C3%A7%C3%A3o%3A1%2B2", sentUri!.AbsolutePath);
        Assert.Equal(string.Empty, sentUri.Query);
    }

    [Fact]
    public async Task GetSelfieDecodesTheImage()
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0xFF, 0xD9 };
        IdCloudOperation? sentOperation = null;
        _mock.Expect(HttpMethod.Get, BaseAddress + $"client/v1/process/{ProcessId}/selfie")
            .WithHeaders("Accept", "application/json")
            .Respond(message =>
            {
                message.Options.TryGetValue(IdCloudOperation.OptionsKey, out sentOperation);
                return Json($$"""{"fileContents":"{{Convert.ToBase64String(jpeg)}}","contentType":"image/jpeg"}""");
            });

        var selfie = await _client.GetSelfieAsync(ProcessId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(IdCloudOperation.GetSelfie, sentOperation);
        Assert.Equal(jpeg, selfie.Content.ToArray());
        Assert.Equal("image/jpeg", selfie.ContentType);
    }

    [Fact]
    public async Task GetEvidenceSetReportsTheXPdfMediaTypeAsApplicationPdf()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.5\n%%EOF\n");
        IdCloudOperation? sentOperation = null;
        _mock.Expect(HttpMethod.Get, BaseAddress + $"client/v1/process/{ProcessId}/evidenceset")
            .WithHeaders("Accept", "application/json")
            .Respond(message =>
            {
                message.Options.TryGetValue(IdCloudOperation.OptionsKey, out sentOperation);
                return Json($$"""{"fileContents":"{{Convert.ToBase64String(pdf)}}","contentType":"x-pdf"}""");
            });

        var evidence = await _client.GetEvidenceSetAsync(ProcessId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Same(IdCloudOperation.GetEvidenceSet, sentOperation);
        Assert.Equal(pdf, evidence.Content.ToArray());
        Assert.Equal("application/pdf", evidence.ContentType);
    }

    [Fact]
    public async Task TheVendorsSelfieExampleIsAnInvalidResponseBecauseItsBase64IsElided()
    {
        _mock.When("*").Respond(_ => Json(VendorFixtures.Read("get-selfie-response")));

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _client.GetSelfieAsync(ProcessId));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, exception.Kind);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.DoesNotContain("[...]", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"process":null}""")]
    [InlineData("""{"id":"53060f52"}""")]
    [InlineData("""{"process":{"state":42}}""")]
    [InlineData("""{"process":{"id":"p","state":"PROCESS_STATE_FINISHED","createdAt":"yesterday"}}""")]
    public async Task AProcessAnswerThatCannotBeReadIsAnInvalidResponse(string body)
    {
        _mock.When("*").Respond(_ => Json(body));

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _client.GetProcessAsync(ProcessId));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal(new Uri(BaseAddress + "client/v1/process/" + ProcessId), exception.RequestUri);
    }

    [Theory]
    [InlineData("""{"process":{"state":"PROCESS_STATE_CREATED"}}""")]
    [InlineData("""{"process":{"id":null,"state":"PROCESS_STATE_CREATED"}}""")]
    [InlineData("""{"process":{"id":"","state":"PROCESS_STATE_CREATED"}}""")]
    [InlineData("""{"process":{"id":"53060f52-f146-4c12-a234-5bb5031f6f5b"}}""")]
    [InlineData("""{"process":{"id":"53060f52-f146-4c12-a234-5bb5031f6f5b","state":null}}""")]
    [InlineData("""{"process":{"id":"53060f52-f146-4c12-a234-5bb5031f6f5b","state":""}}""")]
    public async Task AProcessWithoutItsIdOrStateIsAnInvalidResponse(string body)
    {
        // Id and State are non-nullable on IdCloudProcess: an answer that cannot fill them is not a process.
        _mock.When("*").Respond(_ => Json(body));

        var get = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _client.GetProcessAsync(ProcessId));
        var create = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _client.CreateProcessAsync(
            new CreateProcessRequest { CallbackUri = "/", Flow = Flow.IdLive, Purpose = Purpose.CreditProcess }));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, get.Kind);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.False(get.RequestMayHaveBeenProcessed);
        Assert.Equal(IdCloudErrorKind.InvalidResponse, create.Kind);
        Assert.True(create.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task CreateProcessWithATypedCpfSendsTheDocumentedDuiTypeAndDigits()
    {
        string? sentBody = null;
        _mock.Expect(HttpMethod.Post, BaseAddress + "client/v1/process").Respond(async message =>
        {
            sentBody = await message.Content!.ReadAsStringAsync();
            return Json(VendorFixtures.Read("create-process-response"));
        });

        await _client.CreateProcessAsync(new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdLive,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { Cpf = Cpf.Parse("736.892.900-74"), FriendlyName = "Luke" },
        });

        _mock.VerifyNoOutstandingExpectation();
        JsonAssert.Equivalent(
            """{"callbackUri":"/","flow":"idlive","purpose":"creditprocess","person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074","friendlyName":"Luke"}}""",
            sentBody!);
    }

    [Fact]
    public async Task AnEmptyCpfIsRejectedBeforeSending()
    {
        var sent = CountRequests();

        var exception = await Assert.ThrowsAsync<IdCloudValidationException>(() => _client.CreateProcessAsync(new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdLive,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { Cpf = default(Cpf) },
        }));

        Assert.Equal(0, sent());
        Assert.Equal("person.duiValue", Assert.Single(exception.Errors).Field);
    }

    [Fact]
    public async Task SetProcessDocumentWithATypedCpfSendsTheDigits()
    {
        string? sentBody = null;
        _mock.Expect(HttpMethod.Post, BaseAddress + $"client/v1/process/{ProcessId}/document").Respond(async message =>
        {
            sentBody = await message.Content!.ReadAsStringAsync();
            return Json("{\"process\":{\"id\":\"" + ProcessId + "\",\"person\":{\"duiType\":\"DUI_TYPE_BR_CPF\",\"duiValue\":\"73689290074\"}}}");
        });

        var process = await _client.SetProcessDocumentAsync(ProcessId, Cpf.Parse("736.892.900-74"));

        _mock.VerifyNoOutstandingExpectation();
        JsonAssert.Equivalent("""{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""", sentBody!);
        Assert.Equal(Cpf.Parse("73689290074"), process.Person!.Cpf);
    }

    [Fact]
    public async Task SetProcessDocumentWithAnEmptyCpfIsRejectedBeforeSending()
    {
        var sent = CountRequests();

        var exception = await Assert.ThrowsAsync<IdCloudValidationException>(() => _client.SetProcessDocumentAsync(ProcessId, default(Cpf)));

        Assert.Equal(0, sent());
        Assert.Equal("duiValue", Assert.Single(exception.Errors).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"contentType":"image/jpeg"}""")]
    [InlineData("""{"fileContents":null,"contentType":"image/jpeg"}""")]
    [InlineData("""{"fileContents":"not base64!","contentType":"image/jpeg"}""")]
    [InlineData("""{"fileContents":12,"contentType":"image/jpeg"}""")]
    public async Task AFileAnswerThatCannotBeReadIsAnInvalidResponse(string body)
    {
        _mock.When("*").Respond(_ => Json(body));

        await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => _client.GetEvidenceSetAsync(ProcessId));
    }

    [Fact]
    public async Task AFileWithoutAContentTypeIsReportedAsOctetStream()
    {
        _mock.When("*").Respond(_ => Json("""{"fileContents":"AAEC"}"""));

        var selfie = await _client.GetSelfieAsync(ProcessId);

        Assert.Equal(new byte[] { 0, 1, 2 }, selfie.Content.ToArray());
        Assert.Equal("application/octet-stream", selfie.ContentType);
    }

    [Fact]
    public async Task AnUnknownProcessIsNotFound()
    {
        _mock.When("*").Respond(
            HttpStatusCode.NotFound,
            "application/json",
            """{"error":{"code":5,"description":"error getting process: rpc error: code = NotFound desc = process not found"}}""");

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudApiException>(IdCloudErrorKind.NotFound, () => _client.GetProcessAsync(ProcessId));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    [Fact]
    public async Task TheCallersCancellationIsACancellationNotAnIdCloudError()
    {
        _mock.When("*").Respond(_ => Json(VendorFixtures.Read("get-process-response")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetProcessAsync(ProcessId, cancelled.Token));

        Assert.Equal(cancelled.Token, exception.CancellationToken);
    }

    [Fact]
    public async Task SetProcessDocumentPostsTheDocumentAndReturnsTheProcess()
    {
        string? sentBody = null;
        _mock.Expect(HttpMethod.Post, BaseAddress + $"client/v1/process/{ProcessId}/document")
            .WithHeaders("Accept", "application/json")
            .Respond(async message =>
            {
                sentBody = await message.Content!.ReadAsStringAsync();
                return Json("{\"process\":{\"id\":\"" + ProcessId + "\",\"person\":{\"duiType\":\"DUI_TYPE_MX_CURP\",\"duiValue\":\"GODE561231HDFRRN09\"}}}");
            });

        var process = await _client.SetProcessDocumentAsync(ProcessId, DuiType.MxCurp, "GODE561231HDFRRN09");

        _mock.VerifyNoOutstandingExpectation();
        JsonAssert.Equivalent("""{"duiType":"DUI_TYPE_MX_CURP","duiValue":"GODE561231HDFRRN09"}""", sentBody!);
        Assert.Equal(ProcessId, process.Id);
        Assert.Equal(DuiType.MxCurp, process.Person!.DuiType);
        Assert.Equal("GODE561231HDFRRN09", process.Person.DuiValue);
    }

    public static TheoryData<string, string, string> InvalidDocuments => new()
    {
        { "DUI_TYPE_BR_PASSPORT", "FA123456", "duiType" },
        { "DUI_TYPE_SOMETHING_NEW", "123", "duiType" },
        { "DUI_TYPE_BR_CPF", "", "duiValue" },
        { "DUI_TYPE_US_SSN", "   ", "duiValue" },
        { "DUI_TYPE_MX_CURP", new string('A', 321), "duiValue" },
        { "DUI_TYPE_BR_CPF", "73689290075", "duiValue" },
        { "DUI_TYPE_BR_CPF", "736.892.900-74", "duiValue" },
        { "DUI_TYPE_BR_CPF", "7368929007", "duiValue" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public async Task AnInvalidDocumentIsRejectedBeforeSendingWithoutEchoingIt(string duiType, string duiValue, string field)
    {
        var sent = CountRequests();

        var exception = await Assert.ThrowsAsync<IdCloudValidationException>(
            () => _client.SetProcessDocumentAsync(ProcessId, DuiType.From(duiType), duiValue));

        Assert.Equal(0, sent());
        Assert.Equal(IdCloudErrorKind.Validation, exception.Kind);
        Assert.Equal(field, Assert.Single(exception.Errors).Field);
        if (duiValue.Trim().Length > 0)
        {
            Assert.DoesNotContain(duiValue, exception.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThreeHundredTwentyCharactersAreStillAccepted()
    {
        _mock.When("*").Respond(_ => Json("{\"process\":{\"id\":\"" + ProcessId + "\"}}"));

        var process = await _client.SetProcessDocumentAsync(ProcessId, DuiType.UsSsn, new string('1', 320));

        Assert.Equal(ProcessId, process.Id);
    }

    [Fact]
    public async Task AProcessThatIsNotWaitingForADocumentIsAnInvalidArgumentFromTheApi()
    {
        _mock.When("*").Respond(HttpStatusCode.BadRequest, "application/json", """{"error":{"code":3,"description":"process is not awaiting for document"}}""");

        var exception = await Assert.ThrowsAsync<IdCloudApiException>(() => _client.SetProcessDocumentAsync(ProcessId, DuiType.BrCpf, "73689290074"));

        Assert.Equal(IdCloudErrorKind.InvalidArgument, exception.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Equal("3", exception.ErrorCode);
        Assert.DoesNotContain("73689290074", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANullDocumentValueIsRejectedBeforeSending()
    {
        var sent = CountRequests();

        var exception = await Assert.ThrowsAsync<ArgumentNullException>(() => _client.SetProcessDocumentAsync(ProcessId, DuiType.BrCpf, null!));

        Assert.Equal("duiValue", exception.ParamName);
        Assert.Equal(0, sent());
    }

    [Fact]
    public async Task ANullRequestIsRejectedBeforeSending()
    {
        var sent = CountRequests();

        var exception = await Assert.ThrowsAsync<ArgumentNullException>(() => _client.CreateProcessAsync(null!));

        Assert.Equal("request", exception.ParamName);
        Assert.Equal(0, sent());
    }

    [Theory]
    [MemberData(nameof(InvalidIds.All), MemberType = typeof(InvalidIds))]
    public async Task InvalidProcessIdsAreRejectedBeforeSending(string processId)
    {
        var sent = CountRequests();

        foreach (var call in ProcessIdCalls(processId))
        {
            // An id that can never be valid is the caller's error, in the same exception family as the API's.
            var exception = await Assert.ThrowsAsync<IdCloudValidationException>(call);
            Assert.Equal(IdCloudErrorKind.Validation, exception.Kind);
            Assert.Equal("processId", Assert.Single(exception.Errors).Field);
        }

        Assert.Equal(0, sent());
    }

    [Fact]
    public async Task ARejectedIdIsNotEchoedInTheMessage()
    {
        // A wrong argument may be personal data, such as a CPF passed instead of a process id.
        var exception = await Assert.ThrowsAsync<IdCloudValidationException>(() => _client.GetProcessAsync("123.456/789-09"));

        Assert.DoesNotContain("789-09", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("789-09", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANullProcessIdIsRejectedBeforeSending()
    {
        var sent = CountRequests();

        foreach (var call in ProcessIdCalls(null!))
        {
            var exception = await Assert.ThrowsAsync<ArgumentNullException>(call);
            Assert.Equal("processId", exception.ParamName);
        }

        Assert.Equal(0, sent());
    }

    [Fact]
    public void AClientNeedsTheRefitInterface()
    {
        Assert.Equal("api", Assert.Throws<ArgumentNullException>(() => new IdCloudProcessClient(null!)).ParamName);
    }

    private IEnumerable<Func<Task>> ProcessIdCalls(string processId) =>
    [
        () => _client.GetProcessAsync(processId),
        () => _client.GetSelfieAsync(processId),
        () => _client.GetEvidenceSetAsync(processId),
        () => _client.SetProcessDocumentAsync(processId, DuiType.BrCpf, "73689290074"),
    ];

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

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>Sends every request twice and returns the second answer, like a retry handler re-sending a message.</summary>
    private sealed class SendTwiceHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using (await base.SendAsync(request, cancellationToken))
            {
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
