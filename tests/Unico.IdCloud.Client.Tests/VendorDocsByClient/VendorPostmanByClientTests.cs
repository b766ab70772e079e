using Unico.IdCloud.TestSupport;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.VendorDocsByClient;

/// <summary>
/// The by Client contract as the vendor documents it, driven through the public <see cref="IIdCloudByClient"/> and the
/// SDK's real pipeline against a fake handler serving the vendor's documented bytes (not the emulator). The request
/// and response bodies are those of the vendor's official Postman collection for the API ("To Share", mirrored at
/// api-evangelist/unico:postman/unico-api-integration.postman_collection.json): its headers (pretty-printed JSON,
/// <c>application/json; charset=utf-8</c>, chunked) and member sets are kept as served.
/// </summary>
public sealed class VendorPostmanByClientTests : IDisposable
{
    private const string ApiKey = "____APIKEY____";
    private const string Capture = "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl";
    private readonly MockHttpMessageHandler _mock = new();
    private readonly ServiceProvider _services;

    public VendorPostmanByClientTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(options =>
        {
            options.ByClient.ApiKeys["onboarding"] = ApiKey;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        }).UseTokenProvider(_ => new FixedTokenProvider("token-1"));
        services.AddHttpClient(ByClientOperations.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _mock);
        _services = services.BuildServiceProvider();
    }

    private IIdCloudByClient Client => _services.GetRequiredService<IIdCloudByClient>();

    /// <summary>
    /// The collection's CreateProcess request: <c>subject.phone</c> is <c>5511974749090</c> (country code, area code
    /// and number, no <c>+</c>), the form the vendor's by Unico requests use too. The SDK must send it, not refuse it.
    /// </summary>
    [Fact]
    public async Task The_collections_CreateProcess_request_is_sent_as_documented()
    {
        string? body = null;
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .WithHeaders("APIKEY", ApiKey)
            .With(request => (body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult()) is not null)
            .Respond(_ => Vendor("""{"id":"80371b2a-3ac7-432e-866d-57fe37896ac6","status":3,"unicoId":{"result":"yes"}}"""));

        var request = ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker", Email = "luke@unico.io", Phone = "5511974749090" },
            Capture);
        request.UseCase = "Onboarding";

        var process = await Client.CreateProcessAsync(request);

        _mock.VerifyNoOutstandingExpectation();
        JsonAssert.Equivalent($$"""{"subject":{"code":"12345678909","name":"Luke Skywalker","email":"luke@unico.io","phone":"5511974749090"},"useCase":"Onboarding","imageBase64":"{{Capture}}"}""", body!);
        Assert.Equal(IdCloudProcessOutcome.Approved, process.Interpret().Outcome);
    }

    /// <summary>
    /// The collection's "backteste" CreateProcess example sends <c>"email": ""</c> and <c>"phone": ""</c> (and a
    /// plain JPEG in imageBase64) and got a 200: empty optional contact fields are accepted by the API, so the SDK must
    /// not refuse them before sending.
    /// </summary>
    [Fact]
    public async Task The_collections_backtest_request_with_empty_email_and_phone_is_sent()
    {
        string? body = null;
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .With(request => (body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult()) is not null)
            .Respond(_ => Vendor("{\n    \"id\": \"a0acf800-c631-4f93-9597-779553e276e6\",\n    \"status\": 3,\n    \"unicoId\": {\n        \"result\": \"inconclusive\"\n    },\n    \"liveness\": 2\n}"));
        var jpeg = Convert.ToBase64String([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01]);

        var request = ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "backteste", Email = "", Phone = "" },
            jpeg);
        request.UseCase = "backteste";

        var process = await Client.CreateProcessAsync(request);

        _mock.VerifyNoOutstandingExpectation();
        JsonAssert.Equivalent($$"""{"subject":{"code":"12345678909","name":"backteste","email":"","phone":""},"useCase":"backteste","imageBase64":"{{jpeg}}"}""", body!);
        Assert.Equal(ByClientLiveness.Failed, process.Liveness);
        Assert.Equal(IdCloudProcessOutcome.Denied, process.Interpret().Outcome);
    }

    /// <summary>
    /// A phone the SDK can tell is not a full number — separators, letters, or digits without the country code — is
    /// still refused before sending (nothing is sent).
    /// </summary>
    [Theory]
    [InlineData("11974749090")]
    [InlineData("11 97474-9090")]
    [InlineData("+55 (11) 97474-9090")]
    [InlineData("phone")]
    public async Task A_phone_with_separators_or_letters_is_still_refused_before_sending(string phone)
    {
        var any = _mock.When("*");
        any.Respond(HttpStatusCode.OK);

        var failure = await Assert.ThrowsAsync<IdCloudValidationException>(() => Client.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker", Phone = phone }, Capture)));

        Assert.Contains(failure.Errors, e => e.Field == "subject.phone");
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    /// <summary>The four GetProcess examples of the collection, byte for byte as served (pretty-printed, charset, chunked).</summary>
    public static TheoryData<string, string, int, IdCloudProcessOutcome> GetProcessExamples => new()
    {
        // "Resultado SIM do IDUnico"
        { "80371b2a-3ac7-432e-866d-57fe37896ac6", "{\n    \"id\": \"80371b2a-3ac7-432e-866d-57fe37896ac6\",\n    \"status\": 3,\n    \"unicoId\": {\n        \"result\": \"yes\"\n    }\n}", 3, IdCloudProcessOutcome.Approved },
        // "Resultado INCONCLUSIVO do IDUnico E Liveness Aprovado E Score no IDCheck"
        { "85b5646c-d525-4da6-96c3-1c2e6fbb8c0a", "{\n    \"id\": \"85b5646c-d525-4da6-96c3-1c2e6fbb8c0a\",\n    \"status\": 3,\n    \"unicoId\": {\n        \"result\": \"inconclusive\"\n    },\n    \"liveness\": 1,\n    \"score\": 28\n}", 3, IdCloudProcessOutcome.Approved },
        // "Resultado INCONCLUSIVO do IDUnico E Liveness Aprovado E Divergência no IDCheck": status 2 WITH unicoId and liveness.
        { "615c4fc4-e44a-4aba-8db4-983df3e8fc49", "{\n    \"id\": \"615c4fc4-e44a-4aba-8db4-983df3e8fc49\",\n    \"status\": 2,\n    \"unicoId\": {\n        \"result\": \"inconclusive\"\n    },\n    \"liveness\": 1\n}", 2, IdCloudProcessOutcome.Inconclusive },
        // "Resultado INCONCLUSIVO do IDUnico E Liveness Reprovado"
        { "a0acf800-c631-4f93-9597-779553e276e6", "{\n    \"id\": \"a0acf800-c631-4f93-9597-779553e276e6\",\n    \"status\": 3,\n    \"unicoId\": {\n        \"result\": \"inconclusive\"\n    },\n    \"liveness\": 2\n}", 3, IdCloudProcessOutcome.Denied },
    };

    [Theory]
    [MemberData(nameof(GetProcessExamples))]
    public async Task The_collections_GetProcess_examples_read_as_the_vendor_describes(string id, string body, int status, IdCloudProcessOutcome outcome)
    {
        _mock.Expect(HttpMethod.Get, $"https://api.id.uat.unico.app/processes/v1/{id}")
            .WithHeaders("APIKEY", ApiKey)
            .Respond(_ => Vendor(body));

        var process = await Client.GetProcessAsync(id);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal(id, process.Id);
        Assert.Equal(status, process.Status.Value);
        var reading = process.Interpret();
        Assert.Equal(outcome, reading.Outcome);
        // Only status 3 decides: the divergence body carries unicoId and liveness 1 and must still be no decision.
        Assert.Equal(status == 3, reading.IsDecision);
    }

    /// <summary>
    /// The collection's CreateProcess test script reads <c>jsonData.Id</c>: older answers are PascalCase. Through the
    /// real pipeline (not only the JSON context) every member must still be read.
    /// </summary>
    [Fact]
    public async Task A_PascalCase_answer_is_read_through_the_pipeline()
    {
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .Respond(_ => Vendor("""{"Id":"80371b2a-3ac7-432e-866d-57fe37896ac6","Status":3,"UnicoId":{"Result":"inconclusive"},"Liveness":1,"Score":-12,"IdentityFraudsters":{"Result":"inconclusive"},"Government":{"Serpro":-1}}"""));

        var process = await Client.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker" }, Capture));

        Assert.Equal("80371b2a-3ac7-432e-866d-57fe37896ac6", process.Id);
        Assert.Equal(ByClientProcessStatus.Finished, process.Status);
        Assert.Equal(ByClientVerdict.Inconclusive, process.UnicoId);
        Assert.Equal(ByClientLiveness.Passed, process.Liveness);
        Assert.Equal(-12, process.Score);
        Assert.Equal(-1, process.Serpro);
        Assert.Equal(ByClientVerdict.Inconclusive, process.IdentityFraudsters);
        Assert.Equal(IdCloudProcessOutcome.Denied, process.Interpret().Outcome);
    }

    /// <summary>§4: a biometric processing error is HTTP 200 with status 5 — returned (an error outcome), never thrown.</summary>
    [Fact]
    public async Task Http_200_with_status_5_is_returned_as_an_error_outcome()
    {
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .Respond(_ => Vendor("""{"id":"7e6d5c4b-3a2f-4e1d-9c0b-a9f8e7d6c5b4","status":5}"""));

        var process = await Client.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker" }, Capture));

        Assert.Equal(ByClientProcessStatus.Error, process.Status);
        Assert.Equal(IdCloudProcessOutcome.Error, process.Interpret().Outcome);
    }

    /// <summary>
    /// §7: age verification goes through <c>POST /processes/v1</c> with a <c>useCase</c>, not a separate path.
    /// </summary>
    [Fact]
    public async Task Age_verification_is_a_CreateProcess_with_its_use_case()
    {
        string? body = null;
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .With(request => (body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult()) is not null)
            .Respond(_ => Vendor("""{"id":"80371b2a-3ac7-432e-866d-57fe37896ac6","status":3,"unicoId":{"result":"yes"}}"""));

        var request = ByClientProcessRequest.ForIdentity(new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker", BirthDate = "1990-01-31" }, Capture);
        request.UseCase = "AgeVerification";
        await Client.CreateProcessAsync(request);

        _mock.VerifyNoOutstandingExpectation();
        JsonAssert.Equivalent($$"""{"subject":{"code":"12345678909","name":"Luke Skywalker","birthDate":"1990-01-31"},"useCase":"AgeVerification","imageBase64":"{{Capture}}"}""", body!);
    }

    /// <summary>§4: the deprecated <c>referenceProcessId</c> alone is still a valid 1:1 body.</summary>
    [Fact]
    public async Task The_deprecated_referenceProcessId_is_sent_alone()
    {
        string? body = null;
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .With(request => (body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult()) is not null)
            .Respond(_ => Vendor("""{"id":"80371b2a-3ac7-432e-866d-57fe37896ac6","status":3,"unicoId":{"result":"yes"}}"""));

        var request = new ByClientProcessRequest { ReferenceProcessId = "85b5646c-d525-4da6-96c3-1c2e6fbb8c0a", ImageBase64 = Capture };
        await Client.CreateProcessAsync(request);

        JsonAssert.Equivalent($$"""{"referenceProcessId":"85b5646c-d525-4da6-96c3-1c2e6fbb8c0a","imageBase64":"{{Capture}}"}""", body!);
    }

    /// <summary>§4: a 400 with a documented code (as a number, as some pages show it) is the typed error, and the POST is not resent.</summary>
    [Fact]
    public async Task A_400_with_a_numeric_documented_code_is_the_typed_error_and_not_resent()
    {
        var bad = _mock.When(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1");
        bad.Respond(HttpStatusCode.BadRequest, "application/json", """{"error":{"code":20507,"description":"CPF inválido"}}""");

        var failure = await Assert.ThrowsAsync<IdCloudByClientException>(() => Client.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker", ClientReference = "ref-400" }, Capture)));

        Assert.Equal(ByClientErrorReason.InvalidCpf, failure.Reason);
        Assert.Equal("20507", failure.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.False(failure.RequestMayHaveBeenProcessed);
        Assert.Equal(1, _mock.GetMatchCount(bad));
    }

    /// <summary>§7: reusable documents: an empty <c>items</c> array is an empty list, not an error.</summary>
    [Fact]
    public async Task No_reusable_documents_is_an_empty_list()
    {
        _mock.Expect(HttpMethod.Get, "https://api.id.uat.unico.app/documents/v1")
            .WithExactQueryString("code=12345678909&type=BR_CNH")
            .WithHeaders("APIKEY", ApiKey)
            .Respond(_ => Vendor("""{"items":[]}"""));

        var documents = await Client.GetReusableDocumentsAsync("12345678909", ByClientDocumentType.Cnh);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Empty(documents);
    }

    /// <summary>
    /// <c>subject.clientReference</c> is the integrator's own id, at most 256 characters per the vendor's field table:
    /// one of that length is sent as is and echoed on the result.
    /// </summary>
    [Fact]
    public async Task A_256_character_clientReference_is_sent_and_echoed()
    {
        var reference = new string('r', 256);
        string? body = null;
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .With(request => (body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult()) is not null)
            .Respond(_ => Vendor("""{"id":"80371b2a-3ac7-432e-866d-57fe37896ac6","status":3,"unicoId":{"result":"yes"}}"""));

        var process = await Client.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker", ClientReference = reference }, Capture));

        Assert.Contains($"\"clientReference\":\"{reference}\"", body!, StringComparison.Ordinal);
        Assert.Equal(reference, process.ClientReference);
    }

    /// <summary>A 200 exactly as the vendor served it in the collection: pretty-printed, with charset, chunked (no Content-Length).</summary>
    private static HttpResponseMessage Vendor(string json)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.TransferEncodingChunked = true;
        response.Headers.TryAddWithoutValidation("server", "istio-envoy");
        return response;
    }

    public void Dispose()
    {
        _services.Dispose();
        _mock.Dispose();
    }
}
