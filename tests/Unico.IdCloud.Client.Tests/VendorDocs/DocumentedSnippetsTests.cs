using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Authentication;

namespace Unico.IdCloud.Client.Tests.VendorDocs;

/// <summary>
/// The code snippets of README.md and docs/*.md, copied as they are shown (only the ASP.NET Core host around them is
/// replaced by a plain container bound from configuration), run against <see cref="VendorServer"/>: a user who copies
/// a snippet must get code that compiles and does what the page around it says, on answers shaped as the vendor
/// documents them. A snippet that changes in the docs should change here too.
/// </summary>
public sealed class DocumentedSnippetsTests : IDisposable
{
    private const string Id = VendorServer.ProcessId;
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\nsnippet\n%%EOF\n");
    private readonly VendorServer _server = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "idcloud-snippets-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>README, first snippet: create an e-signature process, wait, interpret, read OCR, download everything.</summary>
    [Fact]
    public async Task TheReadmeJourneyRunsAsShown()
    {
        _server.Api = (request, _) => VendorAnswer(request);
        var builder = new FakeHostBuilder(Configuration());
        var pdfBytes = Pdf;
        var order = new { Id = "order-42" };
        var cancellationToken = CancellationToken.None;

        // ---- README.md, as shown ----
        builder.Services.AddIdCloud(builder.Configuration.GetSection("IdCloud"));
        _server.Serve(builder.Services);   // not in the README: the vendor's hosts are this fake server
        await using var provider = builder.Services.BuildServiceProvider();
        var processClient = provider.GetRequiredService<IIdCloudProcessClient>();
        var waiter = provider.GetRequiredService<IIdCloudProcessWaiter>();
        var downloader = provider.GetRequiredService<IIdCloudArtifactDownloader>();

        IdCloudProcess process = await processClient.CreateProcessAsync(new CreateProcessRequest
        {
            CallbackUri = "https://shop.example/after-verification",
            Flow = Flow.IdUnicoSign,
            Purpose = Purpose.CreditProcess,
            ClientReference = order.Id,                       // your key: check it before re-creating after a timeout
            Person = new ProcessPerson
            {
                Cpf = Cpf.Parse("736.892.900-74"),            // sent as duiType DUI_TYPE_BR_CPF + the 11 digits
                FriendlyName = "Ana Souza",
                Email = "ana@example.com",
            },
            Payload = [new EnvelopePayload { Documents = [new EnvelopeDocument { DocumentName = "contract", FileContents = pdfBytes }] }],
        }, cancellationToken);

        var redirect = process.UserRedirectUrl!;   // README: return Results.Redirect(process.UserRedirectUrl!);

        IdCloudProcess finished = await waiter.WaitForCompletionAsync(process.Id, cancellationToken: cancellationToken);
        IdCloudProcessSummary summary = finished.Interpret();   // Approved / Denied / Inconclusive / Expired / Error / Pending
        string? name = finished.IdentityDocument?.FullName;     // OCR fields, typed: Cpf, BirthDate, ExpiryDate, finished.Cnh?.Categoria
        IdCloudArtifactManifest files = await downloader.DownloadAllAsync(finished, Path.Combine(_folder, "artifacts/" + process.Id), cancellationToken);
        // ---- end of snippet ----

        // docs/contract.md: the body reaches the socket as the SDK's streaming content (never a buffered copy) and
        // announces its exact length.
        Assert.Equal("IdCloudCreateProcessContent", _server.ApiRequests[0].ContentClass);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(_server.ApiRequests[0].Body!), _server.ApiRequests[0].ContentLength);
        using var sent = JsonDocument.Parse(_server.ApiRequests[0].Body!);
        var person = sent.RootElement.GetProperty("person");
        Assert.Equal("DUI_TYPE_BR_CPF", person.GetProperty("duiType").GetString());
        Assert.Equal("73689290074", person.GetProperty("duiValue").GetString());
        Assert.Equal("order-42", sent.RootElement.GetProperty("clientReference").GetString());
        var document = sent.RootElement.GetProperty("payload")[0].GetProperty("envelopePayload").GetProperty("documents")[0];
        Assert.Equal(Convert.ToBase64String(Pdf), document.GetProperty("fileContents").GetString());
        Assert.Equal("https://cadastro.uat.unico.app/process/" + Id, redirect);

        // The vendor's example: identity INCONCLUSIVE, live, score 50 with the score enabled -> approve (docs/completion.md table).
        Assert.Equal(IdCloudProcessOutcome.Approved, summary.Outcome);
        Assert.Equal("John Doe", name);
        Assert.Equal(
            ["evidence-set.pdf", "selfie.jpg", "signature-evidence.pdf", "signed-document.pdf"],
            files.Files.Select(f => f.FileName).Order(StringComparer.Ordinal));
        var folder = Path.Combine(_folder, "artifacts", Id);
        Assert.Equal(Jpeg, await File.ReadAllBytesAsync(Path.Combine(folder, "selfie.jpg")));
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(Path.Combine(folder, "signed-document.pdf")));
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
    }

    /// <summary>
    /// docs/completion.md: a selfie answered 403 (the vendor's <c>{"error":{"code":"7","description":"no permission"}}</c>)
    /// is recorded under <c>skipped</c> with its kind, and every other file is still written; here through the real
    /// pipeline and the string overload the page shows.
    /// </summary>
    [Fact]
    public async Task TheCompletionPagesDownloadSkipsASelfieTheAccountMayNotRead()
    {
        _server.Api = (request, _) => request.Uri.AbsolutePath.EndsWith("/selfie", StringComparison.Ordinal)
            ? VendorServer.Json(HttpStatusCode.Forbidden, """{"error":{"code":"7","description":"no permission"}}""")
            : VendorAnswer(request);
        using var provider = _server.Services();
        var artifacts = provider.GetRequiredService<IIdCloudArtifactDownloader>();
        var processId = Id;
        var ct = CancellationToken.None;
        var root = _folder;

        // ---- docs/completion.md, "Everything into a folder" ("/data/idcloud/" becomes a temporary folder) ----
        var manifest = await artifacts.DownloadAllAsync(processId, root + "/data/idcloud/" + processId, ct);
        // ---- end of snippet ----

        var skipped = Assert.Single(manifest.Skipped);
        Assert.Equal(IdCloudArtifactKind.Selfie, skipped.Artifact);
        Assert.Equal(IdCloudErrorKind.PermissionDenied, skipped.ErrorKind);
        Assert.Equal(["evidence-set.pdf", "signature-evidence.pdf", "signed-document.pdf"], manifest.Files.Select(f => f.FileName).Order(StringComparer.Ordinal));
        var read = await IdCloudArtifactManifest.ReadFromFileAsync(Path.Combine(root + "/data/idcloud/" + processId, "manifest.json"));
        Assert.Equal(IdCloudErrorKind.PermissionDenied, Assert.Single(read.Skipped).ErrorKind);
    }

    /// <summary>docs/errors.md: the catch clauses as shown, each reached by the answer the page names.</summary>
    [Fact]
    public async Task TheErrorsPagesCatchClausesAreReachedAsDescribed()
    {
        using var provider = _server.Services(o => o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(30));
        var processes = provider.GetRequiredService<IIdCloudProcessClient>();

        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.NotFound, """{"error":{"code":"5","description":"error getting process: rpc error: code = NotFound desc = process not found"}}""");
        Assert.Equal("not found", await Branch(() => processes.GetProcessAsync(Id, CancellationToken.None)));

        // A Retry-After above MaxRetryAfter is surfaced at once, with the wait to honour.
        _server.Api = (_, _) => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(120)) } };
        Assert.Equal("rate limited for 00:02:00", await Branch(() => processes.GetProcessAsync(Id, CancellationToken.None)));

        // The vendor's 500 on CreateProcess: "Internal failure! Try again later" (code 99999); the process may exist.
        _server.Api = (_, _) => VendorServer.Json(HttpStatusCode.InternalServerError, """{"error":{"code":"99999","description":"Internal failure! Try again later"}}""");
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdLive,
            Purpose = Purpose.CreditProcess,
            ClientReference = "order-42",
            Person = new ProcessPerson { Cpf = Cpf.Parse("73689290074") },
        };
        Assert.Equal("look up order-42", await Branch(() => processes.CreateProcessAsync(request, CancellationToken.None)));
    }

    /// <summary>
    /// docs/errors.md ("<c>ClientReference</c> (of the failed request, when it carried one)") and docs/resilience.md
    /// ("look the process up by their clientReference"): every CreateProcess failure that may have created a process
    /// carries the reference it was sent with. The streamed CreateProcess body once hid it from the error mapper.
    /// </summary>
    [Theory]
    [InlineData("500")]
    [InlineData("broken connection")]
    public async Task ACreateProcessThatMayHaveCreatedAProcessCarriesItsClientReference(string failure)
    {
        using var provider = _server.Services();
        var processes = provider.GetRequiredService<IIdCloudProcessClient>();
        _server.Api = (_, _) => failure == "500"
            ? VendorServer.Json(HttpStatusCode.InternalServerError, """{"error":{"code":"99999","description":"Internal failure! Try again later"}}""")
            : throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => processes.CreateProcessAsync(new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdLive,
            Purpose = Purpose.CreditProcess,
            ClientReference = "order-42",
            Person = new ProcessPerson { Cpf = Cpf.Parse("73689290074") },
        }));

        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal("order-42", error.ClientReference);
        Assert.Single(_server.ApiRequests);
    }

    /// <summary>
    /// docs/resilience.md, "Configuring it": the standard named strategy options, reached by the name the page builds
    /// from the builder, change the numbers and keep the SDK's rules (CreateProcess is still sent once).
    /// </summary>
    [Fact]
    public async Task TheResiliencePagesNamedOptionsChangeTheNumbersAndKeepTheRules()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var configuration = Configuration();

        // ---- docs/resilience.md, as shown ----
        var idcloud = services.AddIdCloud(configuration.GetSection("IdCloud"));
        var pipeline = idcloud.ProcessApiHttpClient.Name + "-IdCloud";   // one pipeline per client and account
        services.Configure<HttpRetryStrategyOptions>(pipeline + "-retry", o => o.MaxRetryAttempts = 5);
        services.Configure<HttpCircuitBreakerStrategyOptions>(pipeline + "-circuit-breaker", o => o.BreakDuration = TimeSpan.FromSeconds(30));
        // ---- end of snippet ----

        _server.Serve(services);   // after AddIdCloud, which sets the primary handler itself
        await using var provider = services.BuildServiceProvider();
        var processes = provider.GetRequiredService<IIdCloudProcessClient>();
        _server.Api = (_, n) => n <= 5
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : VendorServer.Json(HttpStatusCode.OK, VendorProcess());

        var process = await processes.GetProcessAsync(Id);

        Assert.Equal(Id, process.Id);
        Assert.Equal(6, _server.ApiRequests.Count);   // five retries instead of the default three
        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<IOptionsMonitor<HttpCircuitBreakerStrategyOptions>>().Get(pipeline + "-circuit-breaker").BreakDuration);

        _server.Api = (_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => processes.CreateProcessAsync(new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdLive,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { Cpf = Cpf.Parse("73689290074") },
        }));
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal(7, _server.ApiRequests.Count);   // the CreateProcess was sent once
    }

    /// <summary>
    /// README, "The by Client API": the snippet compiles and runs; the capture payloads are the SDK's encrypted JWTs.
    /// Also its comment: a status 5 answer (HTTP 200) is an Error outcome, not an exception.
    /// </summary>
    [Fact]
    public async Task TheReadmeByClientSnippetRunsAsShown()
    {
        const string capturePayload = "eyJhbGciOiJSUzI1NiJ9.b25ib2FyZGluZw.c2lnbmF0dXJl";
        const string newCapturePayload = "eyJhbGciOiJSUzI1NiJ9.dHJhbnNhY3Rpb25hbA.c2lnbmF0dXJl";
        const string onboardingId = "80371b2a-3ac7-432e-866d-57fe37896ac6";
        _server.Api = (request, n) => request.Uri.AbsolutePath switch
        {
            "/documents/v1" => VendorServer.Json(HttpStatusCode.OK, """{"items":[{"documentType":"BR_CNH","documentId":"doc-1"}]}"""),
            "/lists/73689290074" => VendorServer.Json(HttpStatusCode.OK, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendor-byclient", "post-lists-response.json"))),
            _ when n == 1 => VendorServer.Json(HttpStatusCode.OK, $$"""{"id":"{{onboardingId}}","status":5}"""),
            _ => VendorServer.Json(HttpStatusCode.OK, """{"id":"c0ffee00-0000-4000-8000-000000000001","status":1}"""),
        };
        var configuration = Configuration(new()
        {
            ["IdCloud:ByClient:ApiKeys:onboarding"] = "key-onboarding",
            ["IdCloud:ByClient:ApiKeys:transactional"] = "key-transactional",
        });
        var services = new ServiceCollection();
        services.AddLogging();

        // ---- README.md, as shown ----
        services.AddIdCloud(configuration.GetSection("IdCloud"));   // IdCloud:ByClient:ApiKeys:onboarding, :transactional
        _server.Serve(services);   // not in the README: the vendor's hosts are this fake server
        await using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<IIdCloudClientFactory>();

        var onboarding = await clients.GetByClient("onboarding").CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "73689290074", Name = "Luke Skywalker", BirthDate = "1990-01-31", Phone = "+5511999999999", ClientReference = "order-42" },
            capturePayload));
        var reading = onboarding.Interpret();   // status 5 (HTTP 200) is an Error outcome, not an exception

        var check = await clients.GetByClient("transactional").CreateProcessAsync(
            ByClientProcessRequest.ForAuthentication(ByClientReference.Process(onboarding.Id), newCapturePayload));

        var documents = await clients.GetByClient("onboarding").GetReusableDocumentsAsync("73689290074", ByClientDocumentType.Cnh);
        var reuse = await clients.GetByClient("onboarding").CreateProcessAsync(ByClientProcessRequest.ForDocument(
            new ByClientSubject { Code = "73689290074" },
            new ByClientDocumentRequest { AuthProcessId = onboarding.Id, DocumentId = documents[0].DocumentId }));

        // Data Verification (POST /lists/{cpf}): registration data, typed; every section of the answer by name in data.Sections.
        var data = await clients.GetByClient("onboarding").VerifyDataAsync("73689290074");
        // ---- end of snippet ----

        Assert.Equal(IdCloudProcessOutcome.Error, reading.Outcome);
        Assert.Equal(IdCloudProcessOutcome.Pending, check.Interpret().Outcome);
        Assert.Equal("doc-1", Assert.Single(documents).DocumentId);
        Assert.NotNull(reuse.Id);
        var paths = _server.ApiRequests.Select(r => r.Method + " " + r.Uri.PathAndQuery).ToArray();
        Assert.Equal(["POST /processes/v1", "POST /processes/v1", "GET /documents/v1?code=73689290074&type=BR_CNH", "POST /processes/v1", "POST /lists/73689290074"], paths);
        Assert.Equal("JOAO DA SILVA", data.BasicData!.Name);
        Assert.Equal(["basicData"], data.Sections.Keys);
        using var transactional = JsonDocument.Parse(_server.ApiRequests[1].Body!);
        var reference = transactional.RootElement.GetProperty("references")[0];
        Assert.Equal("REFERENCE_TYPE_PROCESS_ID", reference.GetProperty("referenceType").GetString());
        Assert.Equal(onboardingId, reference.GetProperty("referenceContent").GetString());
    }

    /// <summary>The catch clauses of docs/errors.md, in their order, with the branch taken as the result.</summary>
    private static async Task<string> Branch(Func<Task> call)
    {
        try
        {
            await call();
            return "no exception";
        }
        catch (IdCloudException ex) when (ex.Kind == IdCloudErrorKind.NotFound)
        {
            return "not found";
        }
        catch (IdCloudRateLimitedException ex)
        {
            return "rate limited for " + ex.RetryAfter;
        }
        catch (IdCloudException ex) when (ex.RequestMayHaveBeenProcessed)
        {
            return "look up " + ex.ClientReference;
        }
        catch (IdCloudException ex)
        {
            return "other " + ex.Kind;
        }
    }

    private static IConfiguration Configuration(Dictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["IdCloud:ServiceAccount:AccountName"] = "acme",
            ["IdCloud:ServiceAccount:TenantId"] = "tenant-1",
            ["IdCloud:ServiceAccount:PrivateKeyPem"] = TestKeys.Pkcs8Pem,
            ["IdCloud:Resilience:BaseDelay"] = "00:00:00.001",
            ["IdCloud:Resilience:MaxDelay"] = "00:00:00.005",
        };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>The vendor's hosts as documented: its GetProcess example (finished, one signed document) and files.</summary>
    private static HttpResponseMessage VendorAnswer(VendorServer.Received request)
    {
        var path = request.Uri.AbsolutePath;
        return (request.Method.Method, path) switch
        {
            ("POST", "/client/v1/process") => VendorServer.Json(HttpStatusCode.OK, $$$"""
                {"process":{"id":"{{{Id}}}","flow":"idunicosign","state":"PROCESS_STATE_CREATED",
                "userRedirectUrl":"https://cadastro.uat.unico.app/process/{{{Id}}}","token":"sdk-token"}}
                """),
            ("GET", _) when path.EndsWith("/selfie", StringComparison.Ordinal) =>
                VendorServer.Json(HttpStatusCode.OK, $$"""{"fileContents":"{{Convert.ToBase64String(Jpeg)}}","contentType":"image/jpeg"}"""),
            ("GET", _) when path.EndsWith("/evidenceset", StringComparison.Ordinal) =>
                VendorServer.Json(HttpStatusCode.OK, $$"""{"fileContents":"{{Convert.ToBase64String(Pdf)}}","contentType":"x-pdf"}"""),
            ("GET", _) when path.StartsWith("/api/v1/service/", StringComparison.Ordinal) =>
                new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Pdf) { Headers = { ContentType = new("application/pdf") } } },
            ("GET", "/client/v1/process/" + Id) => VendorServer.Json(HttpStatusCode.OK, VendorProcess()),
            _ => new HttpResponseMessage(HttpStatusCode.NotImplemented),
        };
    }

    private static string VendorProcess() => Contract.VendorFixtures.Read("get-process-response");

    /// <summary>The two members of WebApplicationBuilder the README snippet uses, without ASP.NET Core.</summary>
    private sealed class FakeHostBuilder(IConfiguration configuration)
    {
        public IServiceCollection Services { get; } = new ServiceCollection().AddLogging();

        public IConfiguration Configuration { get; } = configuration;
    }
}
