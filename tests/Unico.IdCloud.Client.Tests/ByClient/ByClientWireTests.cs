using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.ByClient;

/// <summary>
/// The wire of every by Client method through the SDK's real pipeline (AddIdCloud, named client, handlers) with a
/// MockHttp primary handler: method, path, query, Bearer and APIKEY headers, body, and the typed result; the 403
/// token refresh; hosts per environment; named keys bound from configuration and never shown.
/// </summary>
public sealed class ByClientWireTests : IDisposable
{
    private const string ApiKey = "key-onboarding-secret";
    private const string ProcessId = "8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11";
    private const string Capture = "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl";
    private const string Cpf = "73689290074";
    private const string MaskedCpfPath = "/lists/***.***.***-74";
    private readonly MockHttpMessageHandler _mock = new();
    private readonly TokenProvider _tokens = new();
    private readonly Diagnostics.CapturingLogger _logs = new();
    private readonly ServiceProvider _services;

    public ByClientWireTests()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddIdCloud(options =>
        {
            options.ByClient.ApiKeys["onboarding"] = ApiKey;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        }).UseTokenProvider(_ => _tokens);
        services.AddHttpClient(ByClientOperations.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _mock);
        _services = services.BuildServiceProvider();
    }

    private IIdCloudByClient Client => _services.GetRequiredService<IIdCloudByClient>();

    [Fact]
    public async Task CreateProcess_posts_the_body_with_Bearer_and_APIKEY_to_the_UAT_host()
    {
        string? body = null;
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .WithHeaders("APIKEY", ApiKey)
            .WithHeaders("Authorization", "Bearer token-1")
            .With(request =>
            {
                body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
                return request.Content.Headers.ContentType!.MediaType == "application/json";
            })
            .Respond("application/json", """{"id":"8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11","status":3,"unicoId":{"result":"yes"}}""");

        var process = await Client.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "73689290074", Name = "Fulano de Tal", ClientReference = "ref-1" }, Capture));

        _mock.VerifyNoOutstandingExpectation();
        JsonAssert.Equivalent($$"""{"subject":{"code":"73689290074","name":"Fulano de Tal","clientReference":"ref-1"},"imageBase64":"{{Capture}}"}""", body!);
        Assert.Equal(ProcessId, process.Id);
        Assert.Equal(ByClientVerdict.Yes, process.UnicoId);
        Assert.Equal("ref-1", process.ClientReference);
    }

    [Fact]
    public async Task A_1_to_1_sends_references()
    {
        string? body = null;
        _mock.Expect(HttpMethod.Post, "https://api.id.uat.unico.app/processes/v1")
            .With(request => (body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult()) is not null)
            .Respond("application/json", """{"id":"x","status":3,"unicoId":{"result":"no"}}""");

        var process = await Client.CreateProcessAsync(ByClientProcessRequest.ForAuthentication(ByClientReference.Process(ProcessId), Capture));

        JsonAssert.Equivalent($$"""{"references":[{"referenceType":"REFERENCE_TYPE_PROCESS_ID","referenceContent":"{{ProcessId}}"}],"imageBase64":"{{Capture}}"}""", body!);
        Assert.Equal(IdCloudProcessOutcome.Denied, process.Interpret().Outcome);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task GetProcess_reads_v1_and_v2(string version)
    {
        _mock.Expect(HttpMethod.Get, $"https://api.id.uat.unico.app/processes/{version}/{ProcessId}")
            .WithHeaders("APIKEY", ApiKey)
            .WithHeaders("Accept", "application/json")
            .Respond("application/json", $$$"""{"id":"{{{ProcessId}}}","status":3,"unicoId":{"result":"yes"},"processAdditionalInfo":{"channel":"app"}}""");

        var process = version == "v1" ? await Client.GetProcessAsync(ProcessId) : await Client.GetProcessDetailsAsync(ProcessId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("app", process.AdditionalInfo["channel"].GetString());
        Assert.Null(process.ClientReference);
    }

    [Fact]
    public async Task GetReusableDocuments_sends_code_and_type_in_the_query()
    {
        _mock.Expect(HttpMethod.Get, "https://api.id.uat.unico.app/documents/v1")
            .WithExactQueryString("code=73689290074&type=BR_PASSPORT")
            .Respond("application/json", """{"items":[{"documentType":"BR_PASSPORT","documentId":"d-1"}]}""");

        var documents = await Client.GetReusableDocumentsAsync("73689290074", ByClientDocumentType.Passport);

        Assert.Equal(new ByClientReusableDocument("BR_PASSPORT", "d-1"), Assert.Single(documents));
    }

    [Fact]
    public async Task VerifyData_posts_nothing_to_the_CPF_path_with_Bearer_APIKEY_and_User_Agent_and_reads_the_vendor_example()
    {
        HttpRequestMessage? sent = null;
        long? sentLength = -1;
        _mock.Expect(HttpMethod.Post, $"https://api.id.uat.unico.app/lists/{Cpf}")
            .WithHeaders("APIKEY", ApiKey)
            .WithHeaders("Authorization", "Bearer token-1")
            .WithHeaders("Accept", "application/json")
            .With(request =>
            {
                sent = request;
                sentLength = request.Content?.Headers.ContentLength;
                return true;
            })
            .Respond("application/json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendor-byclient", "post-lists-response.json")));

        var data = await Client.VerifyDataAsync(Cpf);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("", sent!.RequestUri!.Query);
        // No body: either none at all (SocketsHttpHandler then announces Content-Length: 0, proven on a raw socket by
        // StrictServerTests) or an empty one of announced length 0; never a body of unknown length.
        Assert.True(sent.Content is null || sentLength == 0, $"a body was sent (Content-Length {sentLength})");
        Assert.StartsWith("Unico.IdCloud.Client/", sent.Headers.UserAgent.ToString(), StringComparison.Ordinal);
        Assert.Equal("41c24382-36ce-4bb4-8339-352114f71f78", data.Id);
        Assert.Equal(ByClientProcessStatus.Finished, data.Status);
        var basic = data.BasicData!;
        Assert.Equal("JOAO DA SILVA", basic.Name);
        Assert.Equal(new DateOnly(1990, 1, 1), basic.BirthDate!.Value.Date);
        Assert.Equal("1990-01-01T00:00:00Z", basic.BirthDate.Value.Raw);
        Assert.Equal("MARIA DA SILVA", basic.MotherName);
        Assert.Null(basic.FatherName); // "" is the vendor's "not known"
        Assert.Null(basic.RgNumber);
        Assert.Equal("...", basic.IncomeEstimate);
        Assert.Equal("AVENIDA DO ESTADO", basic.AddressMain);
        Assert.Equal("123", basic.AddressNumber);
        Assert.Equal("ANDAR 1", basic.AddressComplement);
        Assert.Equal("12345678", basic.AddressZipCode);
        Assert.Equal("SAO PAULO", basic.AddressCity);
        Assert.Equal("SP", basic.AddressState);
        Assert.Equal("WORK", basic.AddressType);
        Assert.Equal("+554799999999", basic.Phone);
        Assert.Equal(["basicData"], data.Sections.Keys);
        Assert.Equal("JOAO DA SILVA", data.Sections["basicData"].GetProperty("name").GetString());
        Assert.DoesNotContain("JOAO", data.ToString() + basic.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Cpf, _logs.Events.Select(e => e.AllText), StringComparer.Ordinal);
    }

    [Fact]
    public async Task VerifyData_keeps_sections_and_members_it_does_not_type_reachable_by_name()
    {
        _mock.When(HttpMethod.Post, "*/lists/*").Respond("application/json", """
            {"id":"r-1","status":3,"extra":true,"lists":{
              "basicData":{"name":"ANA","nickname":"ANINHA","address":{"city":"RECIFE","geo":{"lat":-8.05}}},
              "pep":{"isPep":false,"items":[]},
              "sanctions":[{"source":"OFAC"}]}}
            """);

        var data = await Client.VerifyDataAsync(Cpf);

        Assert.Equal("ANA", data.BasicData!.Name);
        Assert.Equal("RECIFE", data.BasicData.AddressCity);
        Assert.Equal(["basicData", "pep", "sanctions"], data.Sections.Keys.Order(StringComparer.Ordinal));
        Assert.False(data.Sections["pep"].GetProperty("isPep").GetBoolean());
        Assert.Equal("OFAC", data.Sections["sanctions"][0].GetProperty("source").GetString());
        Assert.Equal("ANINHA", data.Sections["basicData"].GetProperty("nickname").GetString());
        Assert.Equal(-8.05, data.Sections["basicData"].GetProperty("address").GetProperty("geo").GetProperty("lat").GetDouble());
        Assert.Equal("ByClientDataVerification { Id = r-1, Status = 3 (finished), Sections = [basicData, pep, sanctions] }", data.ToString());
    }

    [Theory]
    [InlineData("""{"id":"r-2","status":1}""")]
    [InlineData("""{"id":"r-2","status":1,"lists":{}}""")]
    [InlineData("""{"id":"r-2","status":1,"lists":{"basicData":null}}""")]
    public async Task VerifyData_without_data_returns_its_status_not_an_exception(string body)
    {
        _mock.When(HttpMethod.Post, "*/lists/*").Respond("application/json", body);

        var data = await Client.VerifyDataAsync(Cpf);

        Assert.Equal(ByClientProcessStatus.Processing, data.Status);
        Assert.Null(data.BasicData);
        Assert.Empty(data.Sections);
    }

    [Theory]
    [InlineData("""{"id":" ","status":3}""")]
    [InlineData("""{"status":3}""")]
    [InlineData("""{"id":"r-3"}""")]
    [InlineData("""{"id":"r-3","status":3,"lists":{"basicData":{"name":1}}}""")]
    public async Task VerifyData_without_its_id_and_status_is_an_invalid_response_that_may_have_been_billed(string body)
    {
        _mock.When(HttpMethod.Post, "*/lists/*").Respond("application/json", body);

        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => Client.VerifyDataAsync(Cpf));

        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal("ByClientVerifyData", error.Operation);
        Assert.Contains("a data verification", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("clientReference", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10501")]
    [InlineData("10502")]
    public async Task VerifyData_403_token_code_refreshes_the_token_once_and_resends(string code)
    {
        _mock.Expect(HttpMethod.Post, "*/lists/*").WithHeaders("Authorization", "Bearer token-1")
            .Respond(HttpStatusCode.Forbidden, "application/json", $$$"""{"error":{"code":"{{{code}}}","description":"token"}}""");
        _mock.Expect(HttpMethod.Post, "*/lists/*").WithHeaders("Authorization", "Bearer token-2").WithHeaders("APIKEY", ApiKey)
            .Respond("application/json", """{"id":"r-4","status":3}""");

        var data = await Client.VerifyDataAsync(Cpf);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("r-4", data.Id);
        Assert.Equal(1, _tokens.Invalidations);
    }

    [Fact]
    public async Task VerifyData_invalid_CPF_is_the_typed_20507_error()
    {
        _mock.When(HttpMethod.Post, "*/lists/*")
            .Respond(HttpStatusCode.BadRequest, "application/json", """{"error":{"code":"20507","description":"The CPF 73689290074 is invalid"}}""");

        var error = await Assert.ThrowsAsync<IdCloudByClientException>(() => Client.VerifyDataAsync(Cpf));

        Assert.Equal(ByClientErrorReason.InvalidCpf, error.Reason);
        Assert.Equal(IdCloudErrorKind.InvalidArgument, error.Kind);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Equal(MaskedCpfPath, error.RequestUri!.AbsolutePath);
        Assert.DoesNotContain(Cpf, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"error":{"description":"unavailable"}}""", IdCloudErrorKind.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError, """{"error":{"code":"510","description":"Falha Interna!"}}""", IdCloudErrorKind.ServerError)]
    public async Task VerifyData_is_not_retried_once_sent_because_every_call_may_be_billed(HttpStatusCode status, string body, IdCloudErrorKind kind)
    {
        var answer = _mock.When(HttpMethod.Post, "*/lists/*");
        answer.Respond(status, "application/json", body);

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => Client.VerifyDataAsync(Cpf));

        Assert.Equal(1, _mock.GetMatchCount(answer));
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(kind, error.Kind);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal(0, error.RetryCount);
        Assert.Contains("billed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("clientReference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyData_is_retried_when_the_connection_failed_before_anything_was_sent()
    {
        _mock.Expect(HttpMethod.Post, "*/lists/*").Throw(new HttpRequestException(
            HttpRequestError.ConnectionError, "Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));
        _mock.Expect(HttpMethod.Post, "*/lists/*").Respond("application/json", """{"id":"r-5","status":3}""");

        var data = await Client.VerifyDataAsync(Cpf);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("r-5", data.Id);
    }

    [Theory]
    [InlineData("73689290075")] // wrong check digit
    [InlineData("736.892.900-74")] // punctuation: the path takes the 11 digits
    [InlineData("7368929007")]
    [InlineData("")]
    [InlineData("../processes/v1")]
    public async Task VerifyData_with_an_invalid_CPF_is_rejected_before_sending(string cpf)
    {
        var any = _mock.When("*");
        any.Respond(HttpStatusCode.OK);

        var error = await Assert.ThrowsAsync<IdCloudValidationException>(() => Client.VerifyDataAsync(cpf));

        Assert.Equal("cpf", Assert.Single(error.Errors).Field);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Theory]
    [InlineData("10501")]
    [InlineData("10502")]
    public async Task A_403_token_code_refreshes_the_token_once_and_resends(string code)
    {
        _mock.Expect(HttpMethod.Get, "*/processes/v1/*").WithHeaders("Authorization", "Bearer token-1")
            .Respond(HttpStatusCode.Forbidden, "application/json", $$$"""{"error":{"code":{{{code}}},"description":"token"}}""");
        _mock.Expect(HttpMethod.Get, "*/processes/v1/*").WithHeaders("Authorization", "Bearer token-2")
            .Respond("application/json", """{"id":"x","status":1}""");

        var process = await Client.GetProcessAsync(ProcessId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal(ByClientProcessStatus.Processing, process.Status);
        Assert.Equal(1, _tokens.Invalidations);
    }

    [Fact]
    public async Task A_second_403_10502_is_the_typed_expired_token_error()
    {
        var forbidden = _mock.When(HttpMethod.Get, "*/processes/v1/*");
        forbidden.Respond(HttpStatusCode.Forbidden, "application/json", """{"error":{"code":"10502","description":"expired"}}""");

        var failure = await Assert.ThrowsAsync<IdCloudByClientException>(() => Client.GetProcessAsync(ProcessId));

        Assert.Equal(ByClientErrorReason.ExpiredAccessToken, failure.Reason);
        Assert.Equal(IdCloudErrorKind.Unauthenticated, failure.Kind);
        Assert.Equal(2, _mock.GetMatchCount(forbidden)); // the first answer and the one resend
        Assert.Equal(1, _tokens.Invalidations);
        Assert.Contains("server clock", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_that_is_not_about_the_token_is_not_resent()
    {
        _mock.Expect(HttpMethod.Get, "*/processes/v1/*")
            .Respond(HttpStatusCode.Forbidden, "application/json", """{"error":{"code":"10201","description":"invalid apikey"}}""");

        var failure = await Assert.ThrowsAsync<IdCloudByClientException>(() => Client.GetProcessAsync(ProcessId));

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal(ByClientErrorReason.InvalidApiKey, failure.Reason);
        Assert.Equal(0, _tokens.Invalidations);
        Assert.DoesNotContain(ApiKey, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_that_can_never_be_valid_is_rejected_before_sending()
    {
        var any = _mock.When("*");
        any.Respond(HttpStatusCode.OK);

        await Assert.ThrowsAsync<IdCloudValidationException>(() => Client.GetProcessAsync("../documents"));
        await Assert.ThrowsAsync<IdCloudValidationException>(() => Client.GetReusableDocumentsAsync("123", ByClientDocumentType.Rg));
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    public static TheoryData<string> Methods => new()
    {
        nameof(IIdCloudByClient.CreateProcessAsync),
        nameof(IIdCloudByClient.GetProcessAsync),
        nameof(IIdCloudByClient.GetProcessDetailsAsync),
        nameof(IIdCloudByClient.GetReusableDocumentsAsync),
        nameof(IIdCloudByClient.VerifyDataAsync),
    };

    /// <summary>
    /// The matrix below covers every method of the typed client, and every method of the generated Refit interface has
    /// its pipeline operation (without one a new call would run as an anonymous, never-retried "POST" and its errors
    /// would not be read as by Client errors).
    /// </summary>
    [Fact]
    public void Every_by_Client_method_is_in_the_failure_matrix_and_every_Refit_method_has_its_operation()
    {
        var covered = ((IEnumerable<object[]>)Methods).Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var methods = typeof(IIdCloudByClient).GetMethods().Where(m => !m.IsSpecialName).Select(m => m.Name).ToList();
        Assert.All(methods, name => Assert.Contains(name, covered));

        var refitMethods = typeof(global::Unico.IdCloud.Client.ByClient.Wire.IIdCloudByClientApi).GetMethods(BindingFlags.Public | BindingFlags.Instance);
        Assert.Equal(5, refitMethods.Length);
        Assert.All(refitMethods, method =>
        {
            var operation = IdCloudRefitOperations.FromMethodName(method.Name);
            Assert.NotNull(operation);
            Assert.True(ByClientOperations.IsByClient(operation), method.Name);
        });
        Assert.False(IdCloudRefitOperations.FromMethodName(nameof(global::Unico.IdCloud.Client.ByClient.Wire.IIdCloudByClientApi.VerifyDataAsync))!.IsIdempotent);
    }

    /// <summary>
    /// Issue 10, item 4, for every by Client method: an empty 200 is an invalid response (never a null result), with the
    /// by Client type only where CreateProcess's outcome is unknown (its reason and reference travel with it).
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public async Task An_empty_200_is_an_invalid_response(string method)
    {
        _mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => CallAsync(method));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        AssertTypeAndOutcome(method, error, typeof(IdCloudException));
    }

    /// <summary>The message names what was expected: a document list is not "a process".</summary>
    [Fact]
    public async Task An_unreadable_reusable_document_list_says_what_was_expected()
    {
        _mock.When("*").Respond("application/json", """{"items":"not a list"}""");

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => Client.GetReusableDocumentsAsync("73689290074", ByClientDocumentType.Rg));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("a reusable-document list", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a process", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A gateway's HTML 502 is an API error of kind ServiceUnavailable, the page never quoted.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public async Task An_html_502_is_a_service_unavailable_api_error(string method)
    {
        _mock.When("*").Respond(HttpStatusCode.BadGateway, "text/html", "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>");

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => CallAsync(method));

        Assert.Equal(IdCloudErrorKind.ServiceUnavailable, error.Kind);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.DoesNotContain("nginx", error.Message, StringComparison.Ordinal);
        AssertTypeAndOutcome(method, error, typeof(IdCloudApiException));
    }

    /// <summary>A dropped connection is a transport failure naming the request.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_dropped_connection_is_a_transport_error(string method)
    {
        _mock.When("*").Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("connection reset")));

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => CallAsync(method));

        Assert.Equal(IdCloudErrorKind.Transport, error.Kind);
        Assert.Equal("api.id.uat.unico.app", error.RequestUri?.Host);
        Assert.Equal("", error.RequestUri?.Query);
        Assert.DoesNotContain("73689290074", error.ToString(), StringComparison.Ordinal);
        AssertTypeAndOutcome(method, error, typeof(IdCloudException));
    }

    private static void AssertTypeAndOutcome(string method, IdCloudException error, Type readType)
    {
        if (method == nameof(IIdCloudByClient.CreateProcessAsync))
        {
            // CreateProcess may have created (and billed) a process: the by Client type says so and carries the reference.
            var outcome = Assert.IsType<IdCloudByClientException>(error);
            Assert.Equal(ByClientErrorReason.OutcomeUnknown, outcome.Reason);
            Assert.True(outcome.RequestMayHaveBeenProcessed);
            Assert.Equal("ref-1", outcome.ClientReference);
        }
        else if (method == nameof(IIdCloudByClient.VerifyDataAsync))
        {
            // Nothing was created, but the call may have been billed: no retry, and the caller is told so. The CPF in
            // the path is masked wherever the request is named.
            Assert.IsType(readType, error);
            Assert.True(error.RequestMayHaveBeenProcessed);
            Assert.Equal(MaskedCpfPath, error.RequestUri!.AbsolutePath);
        }
        else
        {
            Assert.IsType(readType, error);
            Assert.False(error.RequestMayHaveBeenProcessed);
        }
    }

    private Task CallAsync(string method) => method switch
    {
        nameof(IIdCloudByClient.CreateProcessAsync) => Client.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "73689290074", Name = "Fulano de Tal", ClientReference = "ref-1" }, Capture)),
        nameof(IIdCloudByClient.GetProcessAsync) => Client.GetProcessAsync(ProcessId),
        nameof(IIdCloudByClient.GetProcessDetailsAsync) => Client.GetProcessDetailsAsync(ProcessId),
        nameof(IIdCloudByClient.GetReusableDocumentsAsync) => Client.GetReusableDocumentsAsync("73689290074", ByClientDocumentType.Rg),
        nameof(IIdCloudByClient.VerifyDataAsync) => Client.VerifyDataAsync(Cpf),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    [Fact]
    public void Hosts_are_preset_per_environment_and_keys_bind_from_configuration_and_never_show()
    {
        Assert.Equal(new Uri("https://api.id.uat.unico.app"), new IdCloudOptions().GetByClientBaseAddress());
        Assert.Equal(new Uri("https://api.id.uat.unico.app"), new IdCloudOptions { Environment = IdCloudEnvironment.Uat }.GetByClientBaseAddress());
        Assert.Equal(new Uri("https://api.id.unico.app"), new IdCloudOptions { Environment = IdCloudEnvironment.Production }.GetByClientBaseAddress());
        var overridden = new IdCloudOptions { Environment = IdCloudEnvironment.Production };
        overridden.ByClient.BaseAddress = new Uri("http://127.0.0.1:9");
        Assert.Equal(new Uri("http://127.0.0.1:9"), overridden.GetByClientBaseAddress());

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IdCloud:Environment"] = "Production",
            ["IdCloud:ByClient:ApiKeys:onboarding"] = "secret-1",
            ["IdCloud:ByClient:ApiKeys:transactional"] = "secret-2",
        }).Build();
        var options = new IdCloudOptions();
        configuration.GetSection("IdCloud").Bind(options);

        Assert.Equal("secret-2", options.ByClient.ApiKeys["Transactional"]);
        Assert.DoesNotContain("secret", options.ByClient.ToString(), StringComparison.Ordinal);
        Assert.Contains("onboarding, transactional", options.ByClient.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _mock.Dispose();
    }

    private sealed class TokenProvider : IIdCloudTokenProvider
    {
        private int _issued;

        public int Invalidations { get; private set; }

        public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new IdCloudAccessToken("token-" + Math.Max(1, Volatile.Read(ref _issued)), "Bearer", DateTimeOffset.MaxValue));

        public void Invalidate(IdCloudAccessToken token)
        {
            Invalidations++;
            Interlocked.Exchange(ref _issued, Math.Max(1, _issued) + 1);
        }
    }
}
