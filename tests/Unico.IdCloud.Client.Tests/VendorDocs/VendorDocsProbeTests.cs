using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Authentication;

namespace Unico.IdCloud.Client.Tests.VendorDocs;

/// <summary>
/// Probes written from the vendor's by Unico reference (shared/seeds/unico-by-unico-api-pt-br.txt, "seed" below, with
/// line numbers) and the research facts (shared/unico-api-facts.md), served by <see cref="VendorServer"/> (not the
/// emulator) and driven through the public API as a user sets it up with AddIdCloud().
/// </summary>
public sealed class VendorDocsProbeTests : IDisposable
{
    private const string Id = VendorServer.ProcessId;
    private readonly VendorServer _server = new();
    private readonly ServiceProvider _services;

    public VendorDocsProbeTests()
    {
        _services = _server.Services();
    }

    private IIdCloudProcessClient Processes => _services.GetRequiredService<IIdCloudProcessClient>();

    private IIdCloudSignatureClient Signatures => _services.GetRequiredService<IIdCloudSignatureClient>();

    public void Dispose()
    {
        _services.Dispose();
    }

    // ---- Token exchange (facts §1; seed service-account page) ------------------------------------------------------

    [Fact]
    public async Task TheFirstCallExchangesADocumentedAssertionAndSendsTheAccessTokenAsBearer()
    {
        _server.Api = (_, _) => Process("""{"id":"X","state":"PROCESS_STATE_CREATED"}""".Replace("X", Id, StringComparison.Ordinal));

        await Processes.GetProcessAsync(Id);

        var token = Assert.Single(_server.TokenRequests);
        Assert.Equal(HttpMethod.Post, token.Method);
        Assert.Equal("application/x-www-form-urlencoded", token.ContentType);
        var form = token.Form();
        Assert.Equal(["grant_type", "assertion"], form.Select(f => f.Key).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form.Single(f => f.Key == "grant_type").Value);

        var assertion = JwtAssertion.Parse(form.Single(f => f.Key == "assertion").Value);
        using (var header = JsonDocument.Parse(assertion.HeaderJson))
        {
            Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        }

        using var claims = JsonDocument.Parse(assertion.PayloadJson);
        Assert.Equal(
            ["aud", "exp", "iat", "iss", "scope"],
            claims.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("https://identityhomolog.acesso.io", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal("acme@tenant-1.iam.acesso.io", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("*", claims.RootElement.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Number, claims.RootElement.GetProperty("iat").ValueKind);
        Assert.InRange(assertion.IssuedAt, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.InRange(assertion.Expires - assertion.IssuedAt, 1, 3600);

        var call = Assert.Single(_server.ApiRequests);
        Assert.Equal("Bearer vendor-token-1", call.Authorization);
    }

    [Fact]
    public async Task ProductionUsesTheProductionHostsAndAudience()
    {
        // seed 284, 1410; facts §1: aud exactly https://identity.acesso.io, no trailing slash.
        using var services = _server.Services(o => o.Environment = IdCloudEnvironment.Production);
        _server.Api = (r, _) => r.Uri.Host == "sign.acesso.io"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("%PDF-1.7"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } } }
            : Process($$"""{"id":"{{Id}}","state":"PROCESS_STATE_CREATED"}""");

        await services.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(Id);
        await using (await services.GetRequiredService<IIdCloudSignatureClient>().GetSignedDocumentAsync(VendorServer.DocumentId))
        {
        }

        var token = Assert.Single(_server.TokenRequests);
        Assert.Equal("https://identity.acesso.io/oauth2/token", token.Uri.AbsoluteUri);
        using var claims = JsonDocument.Parse(JwtAssertion.Parse(token.Form().Single(f => f.Key == "assertion").Value).PayloadJson);
        Assert.Equal("https://identity.acesso.io", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal(
            ["https://api.cadastro.unico.app/client/v1/process/" + Id, "https://sign.acesso.io/api/v1/service/file/" + VendorServer.DocumentId],
            _server.ApiRequests.Select(r => r.Uri.AbsoluteUri));
    }

    /// <summary>
    /// facts §1: the HTTP status of token errors is not documented beyond 401 (the error string is "server_error" even
    /// for client mistakes). A misconfiguration code is a misconfiguration whatever the status: asking again only
    /// counts towards the lock-out (1.2.18).
    /// </summary>
    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task AMisconfigurationCodeIsNotRetriedWhateverTheStatus(HttpStatusCode status)
    {
        _server.Token = (_, _) => VendorServer.Json(status, """{"error":"server_error","error_description":"Falha na autenticação 1.2.5"}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.GetProcessAsync(Id));

        Assert.Equal(IdCloudErrorKind.Authentication, exception.Kind);
        Assert.Equal("1.2.5", exception.ErrorCode);
        Assert.True(exception.IsConfigurationError);
        Assert.Single(_server.TokenRequests);
        Assert.Empty(_server.ApiRequests);
    }

    // ---- CreateProcess (seed 287-629) ---------------------------------------------------------------------------

    /// <summary>
    /// The vendor's own per-flow and code samples send a path as <c>callbackUri</c> (seed 473, 496, 530, 553, 621,
    /// 636, 763) and echo one back (412, 880); the SDK must send them, not refuse them before the call.
    /// </summary>
    [Theory]
    [InlineData("/path/to/url")]
    [InlineData("/paht/callback-url")]
    [InlineData("/path/to/callback-url/")]
    public async Task TheCallbackPathsOfTheVendorExamplesAreSent(string callbackUri)
    {
        _server.Api = (_, _) => Process($$"""{"id":"{{Id}}","state":"PROCESS_STATE_CREATED","callbackUri":"{{callbackUri}}"}""");

        var process = await Processes.CreateProcessAsync(new CreateProcessRequest
        {
            CallbackUri = callbackUri,
            Flow = Flow.Id,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { DuiType = DuiType.BrCpf, DuiValue = "73689290074", FriendlyName = "John Doe" },
        });

        var sent = Assert.Single(_server.ApiRequests);
        Assert.Equal(callbackUri, JsonDocument.Parse(sent.Body!).RootElement.GetProperty("callbackUri").GetString());
        Assert.Equal(callbackUri, process.CallbackUri);
    }

    /// <summary>
    /// Every CreateProcess request body of the reference (seed 354-406, 472-585, 590-629, 673, 718, 762-770) goes
    /// through the typed client, validation included, and reaches the server unchanged. The elided PDFs
    /// (<c>JVBERi0x[...]</c>) are replaced by a real PDF, which the client must have to sign.
    /// </summary>
    [Theory]
    [InlineData("create-process-request")]
    [InlineData("create-process-request-idlive")]
    [InlineData("create-process-request-idunicosign")]
    [InlineData("create-process-request-idtoken")]
    [InlineData("create-process-request-idtokensign")]
    [InlineData("create-process-request-curl")]
    [InlineData("create-process-request-postman")]
    [InlineData("create-process-request-java-csharp")]
    [InlineData("create-process-request-go")]
    public async Task EveryDocumentedCreateProcessBodyIsSentUnchanged(string fixture)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Contract.VendorFixtures.Read(fixture))!;
        if (json["payload"] is System.Text.Json.Nodes.JsonArray payload)
        {
            foreach (var document in payload.SelectMany(p => p!["envelopePayload"]!["documents"]!.AsArray()))
            {
                document!["fileContents"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
            }
        }

        var body = json.ToJsonString();
        var request = JsonSerializer.Deserialize(body, Unico.IdCloud.Client.Serialization.IdCloudJsonContext.Default.CreateProcessRequest)!;
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.OK, Contract.VendorFixtures.Read("create-process-response"));

        var process = await Processes.CreateProcessAsync(request);

        var sent = Assert.Single(_server.ApiRequests);
        Assert.Equal(VendorServer.ProcessBase + "/client/v1/process", sent.Uri.AbsoluteUri);
        Assert.Equal("application/json", sent.ContentType);
        TestSupport.JsonAssert.Equivalent(body, sent.Body!);
        Assert.Equal(Id, process.Id);
        Assert.Equal(
            [ProcessCapacity.IdUnico, ProcessCapacity.IdCheck, ProcessCapacity.IdDocs],
            process.Capacities!);
    }

    /// <summary>
    /// facts §3: <c>useCase</c> is mandatory for the <c>idsmart</c> flow. Like the other flow-specific requirements
    /// (bioTokenId, payload), a request without it is refused before anything is sent; with it, it reaches the server.
    /// </summary>
    [Fact]
    public async Task AnIdSmartProcessNeedsItsUseCaseAndSendsIt()
    {
        _server.Api = (_, _) => Process($$"""{"id":"{{Id}}","state":"PROCESS_STATE_CREATED","flow":"idsmart","useCase":"revalidation"}""");
        var request = Minimal(Flow.IdSmart);

        var refused = await Assert.ThrowsAsync<IdCloudValidationException>(() => Processes.CreateProcessAsync(request));
        Assert.Equal("useCase", Assert.Single(refused.Errors).Field);
        Assert.Empty(_server.Requests);

        request.UseCase = "revalidation";
        var process = await Processes.CreateProcessAsync(request);

        using var sent = JsonDocument.Parse(Assert.Single(_server.ApiRequests).Body!);
        Assert.Equal("revalidation", sent.RootElement.GetProperty("useCase").GetString());
        Assert.Equal("revalidation", process.UseCase);
    }

    [Fact]
    public async Task An401OnCreateProcessGetsOneFreshTokenAndIsSentOnce()
    {
        // A 401 means the request was not processed: re-sending it with a new token cannot create a second process.
        _server.Api = (_, n) => n == 1
            ? VendorServer.Json(HttpStatusCode.Unauthorized, """{"message":"Jwt is expired"}""")
            : Process($$"""{"id":"{{Id}}","state":"PROCESS_STATE_CREATED"}""");

        var process = await Processes.CreateProcessAsync(Minimal(Flow.Id));

        Assert.Equal(Id, process.Id);
        Assert.Equal(2, _server.ApiRequests.Count);
        Assert.Equal(_server.ApiRequests[0].Body, _server.ApiRequests[1].Body);
        Assert.Equal("Bearer vendor-token-2", _server.ApiRequests[1].Authorization);
    }

    [Fact]
    public async Task RateLimitedCreateProcessSaysNothingWasProcessed()
    {
        // facts §6: 10 requests per second per tenant, then HTTP 429 (Retry-After per [3P-AE]). A 429 was not processed.
        _server.Api = (_, _) =>
        {
            var response = VendorServer.Json(HttpStatusCode.TooManyRequests, "{}");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return response;
        };

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.CreateProcessAsync(Minimal(Flow.Id)));

        Assert.Equal(IdCloudErrorKind.RateLimited, exception.Kind);
        Assert.False(exception.RequestMayHaveBeenProcessed);
        Assert.Equal(TimeSpan.FromSeconds(1), exception.RetryAfter);
    }

    [Fact]
    public async Task ATokenAnswerWithALowercaseTypeStillGivesABearerHeader()
    {
        // RFC 6749 §5.1: token_type is case-insensitive; the documented example is "Bearer".
        _server.Token = (_, n) => VendorServer.Json(HttpStatusCode.OK, $$"""{"access_token":"vendor-token-{{n}}","token_type":"bearer","expires_in":3600,"scope":"*"}""");
        _server.Api = (_, _) => Process($$"""{"id":"{{Id}}","state":"PROCESS_STATE_CREATED"}""");

        await Processes.GetProcessAsync(Id);

        Assert.Equal("Bearer vendor-token-1", Assert.Single(_server.ApiRequests).Authorization);
    }

    [Fact]
    public async Task AnInvalidArgumentWithANumericCodeIsNotRetried()
    {
        // seed 1572-1576: code 3 "invalid flow"; the table shows the code as a number.
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.BadRequest, """{"error":{"code":3,"description":"invalid flow"}}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.CreateProcessAsync(Minimal(new Flow("idnotaflow"))));

        Assert.Equal(IdCloudErrorKind.InvalidArgument, exception.Kind);
        Assert.Equal("3", exception.ErrorCode);
        Assert.Equal("invalid flow", exception.Description);
        Assert.Single(_server.ApiRequests);
    }

    [Fact]
    public async Task MissingApiKeysAreAFailedPrecondition()
    {
        // seed 1614-1618: code 9 "XX ID Apikeys are not set".
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.BadRequest, """{"error":{"code":"9","description":"XX ID Apikeys are not set"}}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.CreateProcessAsync(Minimal(Flow.Id)));

        Assert.Equal(IdCloudErrorKind.FailedPrecondition, exception.Kind);
        Assert.Single(_server.ApiRequests);
    }

    [Fact]
    public async Task AnInternalFailureOnCreateIsNotRetriedAndSaysItMayHaveBeenProcessed()
    {
        // seed 1637-1641: 500, code 99999; a retried POST may create a second (billable) process (facts §3).
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.InternalServerError, """{"error":{"code":"99999","description":"Internal failure! Try again later"}}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.CreateProcessAsync(Minimal(Flow.Id)));

        Assert.Equal(IdCloudErrorKind.ServerError, exception.Kind);
        Assert.Equal("99999", exception.ErrorCode);
        Assert.True(exception.RequestMayHaveBeenProcessed);
        Assert.Single(_server.ApiRequests);
    }

    [Fact]
    public async Task AnExpiredJwtAnswerGetsOneFreshTokenAndTheCallSucceeds()
    {
        // seed 1620-1629: 401 "Jwt is expired" (message only, no code).
        _server.Api = (_, n) => n == 1
            ? VendorServer.Json(HttpStatusCode.Unauthorized, """{"message":"Jwt is expired"}""")
            : Process($$"""{"id":"{{Id}}","state":"PROCESS_STATE_CREATED"}""");

        var process = await Processes.GetProcessAsync(Id);

        Assert.Equal(Id, process.Id);
        Assert.Equal(2, _server.TokenRequests.Count);
        Assert.Equal("Bearer vendor-token-2", _server.ApiRequests[1].Authorization);

        // facts §1, 1.2.7: an assertion is single-use, so the second token request (milliseconds later) carries a
        // different one (RS256 is deterministic and jti is forbidden: only iat/exp can make it differ).
        var assertions = _server.TokenRequests.Select(t => t.Form().Single(f => f.Key == "assertion").Value).ToList();
        Assert.NotEqual(assertions[0], assertions[1]);
    }

    [Fact]
    public async Task APersistent401IsUnauthenticatedAndCarriesTheGatewayMessage()
    {
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.Unauthorized, """{"message":"Jwt header is an invalid JSON"}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.GetProcessAsync(Id));

        Assert.Equal(IdCloudErrorKind.Unauthenticated, exception.Kind);
        Assert.Equal("Jwt header is an invalid JSON", exception.Description);
    }

    [Theory]
    [InlineData("Jwt is expired", "text/plain")]
    [InlineData("""{"message":"Jwt is expired"}""", "application/json")]
    public async Task ASignatureDownloadWithAnExpiredJwtGetsOneFreshToken(string body, string mediaType)
    {
        // seed 1436-1438, 1507-1509: 401 on the signature host; the gateway message may come as plain text.
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n");
        _server.Api = (_, n) => n == 1
            ? new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(body, Encoding.UTF8, mediaType) }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(pdf) { Headers = { ContentType = new("application/pdf") } } };

        await using var file = await Signatures.GetSignatureEvidenceAsync(VendorServer.DocumentId);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);

        Assert.Equal(pdf, copy.ToArray());
        Assert.Equal("Bearer vendor-token-2", _server.ApiRequests[1].Authorization);
    }

    [Fact]
    public async Task TheGrpcGatewayDefaultErrorShapeIsRead()
    {
        // facts §3 [INFERENCE]: gRPC-gateway backend; its default error body is {"code":3,"message":"...","details":[]}.
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.BadRequest, """{"code":3,"message":"invalid purpose","details":[]}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.CreateProcessAsync(Minimal(Flow.Id)));

        Assert.Equal(IdCloudErrorKind.InvalidArgument, exception.Kind);
        Assert.Equal("3", exception.ErrorCode);
        Assert.Equal("invalid purpose", exception.Description);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task AProcessAnswerIsReadWhateverItsContentTypeSays(string? mediaType)
    {
        // The reference shows "application/json" for every answer; gateways relabel bodies. The JSON is the answer.
        _server.Api = (_, _) =>
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$$"""{"process":{"id":"{{{Id}}}","state":"PROCESS_STATE_CREATED"} }"""));
            if (mediaType is not null)
            {
                content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        };

        var process = await Processes.CreateProcessAsync(Minimal(Flow.Id));

        Assert.Equal(Id, process.Id);
    }

    // ---- GetProcess (seed 840-1145) -----------------------------------------------------------------------------

    /// <summary>
    /// protobuf-JSON omits zero values (facts §3 [INFERENCE]): a finished process whose score is 0, whose
    /// capabilities are unused and whose lists are empty comes back without those members; the SDK must read it and
    /// still apply the vendor's decision rule (seed 1135-1141). (A process without <c>state</c> is deliberately an
    /// invalid response: see Clients/IdCloudProcessClientTests.AProcessWithoutItsIdOrStateIsAnInvalidResponse.)
    /// </summary>
    [Fact]
    public async Task AProcessWithItsZeroValuesOmittedIsRead()
    {
        _server.Api = (_, _) => Process($$$"""
            {"id":"{{{Id}}}","state":"PROCESS_STATE_FINISHED","result":"PROCESS_RESULT_OK",
             "authenticationInfo":{"authenticationResult":"AUTHENTICATION_RESULT_POSITIVE","livenessResult":"LIVENESS_RESULT_LIVE",
               "scoreEngineResult":{},"serproResult":{} } }
            """);

        var process = await Processes.GetProcessAsync(Id);

        Assert.Null(process.AuthenticationInfo!.Score);
        Assert.Null(process.Capacities);
        Assert.Null(process.Person);
        Assert.Empty(process.SignedDocumentIds);
        Assert.Equal(IdCloudProcessOutcome.Approved, process.Interpret().Outcome);
    }

    [Theory]
    [InlineData("PROCESS_RESULT_WARNING")]
    [InlineData("PROCESS_RESULT_REFUSED")]
    [InlineData("PROCESS_RESULT_SOMETHING_NEW")]
    [InlineData("PROCESS_RESULT_UNSPECIFIED")]
    public async Task AFinishedProcessIsApprovedOnlyWithResultOk(string result)
    {
        // seed 1135-1141: decide only on FINISHED + OK.
        _server.Api = (_, _) => Process($$$"""{"id":"{{{Id}}}","state":"PROCESS_STATE_FINISHED","result":"{{{result}}}","authenticationInfo":{"authenticationResult":"AUTHENTICATION_RESULT_POSITIVE","livenessResult":"LIVENESS_RESULT_LIVE"}}""");

        var process = await Processes.GetProcessAsync(Id);

        Assert.Equal(result, process.Result!.Value.Value);
        Assert.NotEqual(IdCloudProcessOutcome.Approved, process.Interpret().Outcome);
        Assert.NotEqual(IdCloudProcessOutcome.Pending, process.Interpret().Outcome);
    }

    [Fact]
    public async Task TheDocumentedGetProcessVariantsAreTolerated()
    {
        // facts §3: misspelt TRUST_RESULT_UNSPECIFIE, a float score, new-portal members, webAppToken, unknown members.
        _server.Api = (_, _) => Process($$$"""
            {"id":"{{{Id}}}","state":"PROCESS_STATE_FINISHED","result":"PROCESS_RESULT_OK","webAppToken":"w",
             "authenticationInfo":{"authenticationResult":"AUTHENTICATION_RESULT_POSITIVE","livenessResult":"LIVENESS_RESULT_LIVE",
               "faceWithOtherIdResult":"TRUST_RESULT_UNSPECIFIE","identityFraudstersResult":"TRUST_RESULT_INCONCLUSIVE",
               "scoreEngineResult":{"scoreEnabled":"SCORE_ENABLED_TRUE","score":85.5},
               "smartRevalidationResult":"SMART_REVALIDATION_RESULT_UNSPECIFIED","idAgeResult":"ID_AGE_RESULT_UNSPECIFIED",
               "serproResult":{"score":-1},"somethingNew":{"a":[1,2]}},
             "bioTokenData":{"referenceProcessId":"x"},"companyData":{"branchId":"b","countryCode":"BR"},"newTopLevel":true}
            """);

        var process = await Processes.GetProcessAsync(Id);

        Assert.Equal("w", process.WebAppToken);
        Assert.Equal(85.5, process.AuthenticationInfo!.Score);
        Assert.Equal(-1, process.AuthenticationInfo.SerproScore);
        Assert.Equal("TRUST_RESULT_UNSPECIFIE", process.AuthenticationInfo.FaceWithOtherIdResult!.Value.Value);
        Assert.Equal(IdCloudProcessOutcome.Approved, process.Interpret().Outcome);
    }

    [Fact]
    public async Task NumbersWrittenAsStringsAreReadAsProtobufJsonAllows()
    {
        // The process API is gRPC-gateway: protobuf JSON writes 64-bit integers as strings and its readers accept any
        // number as a string, so "85.5" and "-1" are the numbers they say, not an unreadable answer.
        _server.Api = (_, _) => Process($$$"""
            {"id":"{{{Id}}}","state":"PROCESS_STATE_FINISHED","result":"PROCESS_RESULT_OK",
             "authenticationInfo":{"authenticationResult":"AUTHENTICATION_RESULT_POSITIVE","livenessResult":"LIVENESS_RESULT_LIVE",
               "scoreEngineResult":{"scoreEnabled":"SCORE_ENABLED_TRUE","score":"85.5"},"serproResult":{"score":"-1"} } }
            """);

        var process = await Processes.GetProcessAsync(Id);

        Assert.Equal(85.5, process.AuthenticationInfo!.Score);
        Assert.Equal(-1, process.AuthenticationInfo.SerproScore);
        Assert.Equal(IdCloudProcessOutcome.Approved, process.Interpret().Outcome);
    }

    [Fact]
    public async Task TheNewPortalsInconsistentSampleVocabularyIsKeptVerbatim()
    {
        // facts §3 "Inconsistency warning": developer.unico.io's GetProcess sample uses "VERIFICATION",
        // ["liveness","face_match"] and "email"; enum reading must be tolerant and keep the raw strings.
        _server.Api = (_, _) => Process($$"""
            {"id":"{{Id}}","state":"PROCESS_STATE_CREATED","purpose":"VERIFICATION","capacities":["liveness","face_match"],
             "person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074","notifications":[{"notificationChannel":"email"}]},
             "companyData":{"countryCode":"BR"} }
            """);

        var process = await Processes.GetProcessAsync(Id);

        Assert.Equal("VERIFICATION", process.Purpose!.Value.Value);
        Assert.Equal(["liveness", "face_match"], process.Capacities!.Select(c => c.Value));
        Assert.Equal("email", Assert.Single(process.Person!.Notifications!).Value);
        Assert.Equal(IdCloudProcessOutcome.Pending, process.Interpret().Outcome);
    }

    [Fact]
    public async Task AnInvalidProcessIdAnswerIsInvalidArgument()
    {
        // seed 1650-1654.
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.BadRequest, """{"error":{"code":"3","description":"process id is invalid"}}""");

        // An id that is not a UUID is the server's to judge (seed 860): it is sent, and its 400 reported.
        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.GetProcessAsync("not-a-uuid"));

        Assert.Equal(IdCloudErrorKind.InvalidArgument, exception.Kind);
        Assert.Equal("process id is invalid", exception.Description);
        Assert.Equal("/client/v1/process/not-a-uuid", _server.ApiRequests[0].Uri.AbsolutePath);
        Assert.Single(_server.ApiRequests);
    }

    // ---- Set Process Document (facts §7) -----------------------------------------------------------------------

    [Theory]
    [InlineData("DUI_TYPE_MX_CURP", "GODE561231HDFRRN09")]
    [InlineData("DUI_TYPE_US_SSN", "078051120")]
    public async Task SetProcessDocumentSendsNonCpfDocuments(string duiType, string duiValue)
    {
        _server.Api = (_, _) => Process($$$"""{"id":"{{{Id}}}","person":{"duiType":"{{{duiType}}}","duiValue":"{{{duiValue}}}"}}""");

        var document = await Processes.SetProcessDocumentAsync(Id, new DuiType(duiType), duiValue);

        var sent = Assert.Single(_server.ApiRequests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal($"/client/v1/process/{Id}/document", sent.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal(duiType, body.RootElement.GetProperty("duiType").GetString());
        Assert.Equal(duiValue, body.RootElement.GetProperty("duiValue").GetString());
        Assert.Equal(duiValue, document.Person!.DuiValue);
    }

    /// <summary>
    /// facts §7: Set Process Document exists for processes created without the person's document, so CreateProcess
    /// must send a person without <c>duiType</c>/<c>duiValue</c> (and no person at all) instead of refusing it.
    /// </summary>
    [Fact]
    public async Task AProcessCanBeCreatedWithoutThePersonsDocument()
    {
        _server.Api = (_, _) => Process($$"""{"id":"{{Id}}","state":"PROCESS_STATE_AWAITING_FOR_DOCUMENT"}""");
        var withName = Minimal(Flow.IdLive);
        withName.Person = new ProcessPerson { FriendlyName = "Luke Skywalker" };
        var withoutPerson = Minimal(Flow.IdLive);
        withoutPerson.Person = null;

        await Processes.CreateProcessAsync(withName);
        await Processes.CreateProcessAsync(withoutPerson);

        Assert.Equal(2, _server.ApiRequests.Count);
        using var first = JsonDocument.Parse(_server.ApiRequests[0].Body!);
        Assert.Equal("""{"friendlyName":"Luke Skywalker"}""", first.RootElement.GetProperty("person").GetRawText());
        using var second = JsonDocument.Parse(_server.ApiRequests[1].Body!);
        Assert.False(second.RootElement.TryGetProperty("person", out _));
    }

    /// <summary>
    /// facts §7: a process created without the person's document waits for it (AWAITING_FOR_DOCUMENT) until
    /// SetProcessDocument; it is not finished, so the summary is Pending (not final), and says what to do.
    /// </summary>
    [Fact]
    public async Task AProcessAwaitingItsDocumentIsPendingAndSaysSo()
    {
        _server.Api = (_, _) => Process($$"""{"id":"{{Id}}","flow":"id","state":"PROCESS_STATE_AWAITING_FOR_DOCUMENT"}""");

        var summary = (await Processes.GetProcessAsync(Id)).Interpret();

        Assert.Equal(IdCloudProcessOutcome.Pending, summary.Outcome);
        Assert.False(summary.IsFinal);
        Assert.Contains(IdCloudOutcomeReason.NotFinished, summary.Reasons);
        Assert.Contains("SetProcessDocument", summary.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetProcessDocumentSendsUpTo320CharactersAndRefusesMoreWithoutACall()
    {
        // facts §7: duiValue at most 320 characters.
        var longest = new string('A', 320);
        _server.Api = (_, _) => Process($$$"""{"id":"{{{Id}}}","person":{"duiType":"DUI_TYPE_US_SSN","duiValue":"{{{longest}}}"} }""");

        await Processes.SetProcessDocumentAsync(Id, DuiType.UsSsn, longest);
        await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.SetProcessDocumentAsync(Id, DuiType.UsSsn, longest + "A"));

        Assert.Single(_server.ApiRequests);
    }

    [Fact]
    public async Task SetProcessDocumentInAStateThatDoesNotAllowItIsInvalidArgumentAndNotRetried()
    {
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.BadRequest, """{"error":{"code":"3","description":"process state does not allow setting the document"}}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Processes.SetProcessDocumentAsync(Id, DuiType.BrCpf, "73689290074"));

        Assert.Equal(IdCloudErrorKind.InvalidArgument, exception.Kind);
        Assert.Single(_server.ApiRequests);
    }

    // ---- Signature API (seed 1389-1531, 1801-1845) --------------------------------------------------------------

    [Fact]
    public async Task TheSignedDocumentIsTheBinaryPdfFromTheSignatureHost()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\nsigned\n%%EOF\n");
        _server.Api = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(pdf) { Headers = { ContentType = new("application/pdf") } } };

        await using var file = await Signatures.GetSignedDocumentAsync(VendorServer.DocumentId);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);

        Assert.Equal(pdf, copy.ToArray());
        var sent = Assert.Single(_server.ApiRequests);
        Assert.Equal(VendorServer.SignBase + "/api/v1/service/file/" + VendorServer.DocumentId, sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer vendor-token-1", sent.Authorization);
    }

    /// <summary>
    /// seed 1431-1434: "application/pdf", "string · binary". File servers often label a PDF download
    /// application/octet-stream or not at all; the bytes are still the document.
    /// </summary>
    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("binary/octet-stream")]
    [InlineData(null)]
    public async Task ThePdfBytesAreTheDocumentWhateverBinaryLabelTheyCarry(string? mediaType)
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\nsigned\n%%EOF\n");
        _server.Api = (_, _) =>
        {
            var content = new ByteArrayContent(pdf);
            if (mediaType is not null)
            {
                content.Headers.ContentType = new(mediaType);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        };

        await using var file = await Signatures.GetSignedDocumentAsync(VendorServer.DocumentId);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);

        Assert.Equal(pdf, copy.ToArray());
    }

    [Fact]
    public async Task AnUnknownSignatureEvidenceIsNotFound()
    {
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.NotFound, """{"Message":"Not Found - Documento não existe","StatusCode":404,"Errors":null}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(() => Signatures.GetSignatureEvidenceAsync(VendorServer.DocumentId));

        Assert.Equal(IdCloudErrorKind.NotFound, exception.Kind);
        Assert.Equal("/api/v1/service/evidence/" + VendorServer.DocumentId, _server.ApiRequests[0].Uri.AbsolutePath);
    }

    /// <summary>
    /// seed 1806-1817: <c>{sucess:false, message, data}</c> for a document that does not exist, status not stated; the
    /// signed-document endpoint lists only 200, 401 and 500 (seed 1428-1440), so a 500 is the likeliest carrier.
    /// Whatever the status, that JSON must never be handed over as the signed PDF; with a 400 or a 500 it still says
    /// the document does not exist (NotFound, which the artifact downloader waits out), not that the request was wrong
    /// or the server broken.
    /// </summary>
    [Theory]
    [InlineData(HttpStatusCode.OK, IdCloudErrorKind.InvalidResponse)]
    [InlineData(HttpStatusCode.BadRequest, IdCloudErrorKind.NotFound)]
    [InlineData(HttpStatusCode.NotFound, IdCloudErrorKind.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError, IdCloudErrorKind.NotFound)]
    public async Task TheSucessFalseEnvelopeIsNeverTheSignedDocument(HttpStatusCode status, IdCloudErrorKind kind)
    {
        _server.Api = (_, _) => VendorServer.Json(status, """{"sucess":false,"message":"Falha ao consultar o arquivo do documento.","data":"Documento não existe."}""");

        var exception = await Assert.ThrowsAnyAsync<IdCloudException>(async () =>
        {
            await using var file = await Signatures.GetSignedDocumentAsync(VendorServer.DocumentId);
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy);
        });

        Assert.Equal(kind, exception.Kind);
        if (status != HttpStatusCode.OK)
        {
            Assert.Contains("Documento não existe", exception.Description, StringComparison.Ordinal);
            Assert.Contains("Falha ao consultar o arquivo do documento", exception.Description, StringComparison.Ordinal);
        }
    }

    private static CreateProcessRequest Minimal(Flow flow) => new()
    {
        CallbackUri = "/",
        Flow = flow,
        Purpose = Purpose.CreditProcess,
        Person = new ProcessPerson { DuiType = DuiType.BrCpf, DuiValue = "73689290074" },
    };

    private static HttpResponseMessage Process(string processJson) =>
        VendorServer.Json(HttpStatusCode.OK, "{\"process\":" + processJson + "}");
}
