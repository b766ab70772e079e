using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly MockHttpMessageHandler _mock = new();
    private readonly TokenProvider _tokens = new();
    private readonly ServiceProvider _services;

    public ByClientWireTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
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
    };

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
