using Unico.IdCloud.TestSupport;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Unico.IdCloud.Client.DependencyInjection;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Artifacts;

namespace Unico.IdCloud.Client.Tests.Clients;

/// <summary>
/// The selfie and evidence set as a user who injects the Refit interface gets them: through the SDK's real pipeline
/// (AddIdCloud, named client, handlers) with a MockHttp primary handler. The typed methods decode the answer as it
/// arrives; every way it can fail is the SDK's exception naming the operation and the request; the raw methods hand
/// the bounded body over unread.
/// </summary>
public sealed class InlineFilePipelineTests : IDisposable
{
    private const string ProcessId = "53060f52-f146-4c12-a234-5bb5031f6f5b";
    private readonly MockHttpMessageHandler _mock = new();
    private readonly ServiceProvider _services;

    public InlineFilePipelineTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(options =>
        {
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            options.Resilience.MaxResponseBodySize = 1024 * 1024;
        }).UseTokenProvider(_ => new FixedTokenProvider());
        services.AddHttpClient(IdCloudHttpClientNames.ProcessApi).ConfigurePrimaryHttpMessageHandler(() => _mock);
        _services = services.BuildServiceProvider();
    }

    public static TheoryData<string> Methods =>
        [nameof(IIdCloudProcessApi.GetSelfieAsync), nameof(IIdCloudProcessApi.GetEvidenceSetAsync)];

    private IIdCloudProcessApi Api => _services.GetRequiredService<IIdCloudProcessApi>();

    public void Dispose()
    {
        _services.Dispose();
        _mock.Dispose();
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task TheInjectedRefitInterfaceReturnsTheDecodedFileWithAuthentication(string method)
    {
        var bytes = new byte[200_000];
        new Random(11).NextBytes(bytes);
        string? authorization = null;
        _mock.Expect(HttpMethod.Get, $"https://api.cadastro.uat.unico.app/client/v1/process/{ProcessId}/{PathOf(method)}")
            .WithHeaders("Accept", "application/json")
            .Respond(request =>
            {
                authorization = request.Headers.Authorization?.ToString();
                return Answer($$"""{"fileContents":"{{Convert.ToBase64String(bytes)}}","contentType":"x-pdf"}""", declareLength: true);
            });

        var file = await CallAsync(method);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("Bearer token", authorization);
        Assert.Equal(bytes, file.Content.ToArray());
        Assert.Equal("application/pdf", file.ContentType);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task TheRawMethodsHandTheBoundedBodyOverUnread(string method)
    {
        var json = $$"""{"fileContents":"AAEC","contentType":"image/jpeg"}""";
        _mock.When("*").Respond(_ => Answer(json, declareLength: true));

        using var content = method == nameof(IIdCloudProcessApi.GetSelfieAsync)
            ? await Api.GetSelfieContentAsync(ProcessId)
            : await Api.GetEvidenceSetContentAsync(ProcessId);

        var bounded = Assert.IsType<IdCloudBoundedContent>(content);
        Assert.Equal(1024 * 1024, bounded.MaxBytes);
        Assert.Equal(json, await content.ReadAsStringAsync());
    }

    public static TheoryData<string, string, bool> UnreadableAnswers()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var method in new[] { nameof(IIdCloudProcessApi.GetSelfieAsync), nameof(IIdCloudProcessApi.GetEvidenceSetAsync) })
        {
            foreach (var declareLength in new[] { true, false })
            {
                data.Add(method, """{"fileContents":"AAEC""", declareLength);                         // the JSON ends early
                data.Add(method, """{"fileContents":"AAE","contentType":"x-pdf"}""", declareLength);  // truncated base64
                data.Add(method, """{"fileContents":"not base64!"}""", declareLength);
                data.Add(method, """{"fileContents":null}""", declareLength);
                data.Add(method, """{"contentType":"x-pdf"}""", declareLength);
                data.Add(method, "null", declareLength);
                data.Add(method, "<html><body>Sign in</body></html>", declareLength);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnreadableAnswers))]
    public async Task AnAnswerThatIsNotAFileIsAnInvalidResponseNamingTheRequest(string method, string body, bool declareLength)
    {
        var calls = 0;
        _mock.When("*").Respond(_ =>
        {
            Interlocked.Increment(ref calls);
            return Answer(body, declareLength);
        });

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => CallAsync(method));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal(OperationOf(method), exception.Operation);
        Assert.Equal($"https://api.cadastro.uat.unico.app/client/v1/process/{ProcessId}/{PathOf(method)}", exception.RequestUri?.ToString());
        Assert.Equal("GET", exception.RequestMethod);
        Assert.False(exception.RequestMayHaveBeenProcessed);
        Assert.DoesNotContain("base64!", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, calls); // a 200 is never retried, whatever its body
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task AConnectionThatBreaksInTheMiddleOfTheFileIsATransportErrorNamingTheRequest(string method)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"fileContents":"{{Convert.ToBase64String(new byte[30_000])}}","contentType":"x-pdf"}""");
        _mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new RecordingStream(json, failAfterBytes: 20_000), 4096),
        });

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () => CallAsync(method));

        Assert.Equal(IdCloudErrorKind.Transport, exception.Kind);
        Assert.IsType<IOException>(exception.InnerException);
        Assert.Equal(OperationOf(method), exception.Operation);
        Assert.EndsWith($"/client/v1/process/{ProcessId}/{PathOf(method)}", exception.RequestUri?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task AFileLargerThanTheBodyCapIsAnInvalidResponseEvenWithoutADeclaredLength(string method)
    {
        var json = $$"""{"fileContents":"{{Convert.ToBase64String(new byte[1024 * 1024])}}"}""";
        _mock.When("*").Respond(_ => Answer(json, declareLength: false));

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => CallAsync(method));

        Assert.Contains("MaxResponseBodySize", exception.Message, StringComparison.Ordinal);
        Assert.Equal(OperationOf(method), exception.Operation);
    }

    /// <summary>
    /// The artifact downloader writes the evidence set to disk as it arrives, so the body cap is what stops an answer
    /// that never ends: it fails as the SDK's InvalidResponse after about the cap, and nothing is left in the folder
    /// under the file's name or as a temporary file.
    /// </summary>
    [Fact]
    public async Task TheDownloaderStopsANeverEndingEvidenceSetAtTheBodyCapAndLeavesNoFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "idcloud-endless-" + Guid.NewGuid().ToString("N"));
        var opening = "{\"contentType\":\"x-pdf\",\"fileContents\":\""u8.ToArray();
        var endless = new GeneratedStream(long.MaxValue, i => i < opening.Length ? opening[i] : (byte)'A');
        _mock.When(HttpMethod.Get, $"*/{ProcessId}/selfie").Respond(_ => Answer("""{"fileContents":"AAEC","contentType":"image/jpeg"}""", declareLength: true));
        _mock.When(HttpMethod.Get, $"*/{ProcessId}/evidenceset").Respond(_ =>
        {
            var content = new StreamContent(endless);
            content.Headers.ContentType = new("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var downloader = _services.GetRequiredService<IIdCloudArtifactDownloader>();
        try
        {
            var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(
                IdCloudErrorKind.InvalidResponse,
                () => downloader.DownloadAllAsync(new IdCloudProcess { Id = ProcessId, State = ProcessState.Finished }, folder));

            Assert.Contains("MaxResponseBodySize", exception.Message, StringComparison.Ordinal);
            Assert.Equal("GetEvidenceSet", exception.Operation);
            Assert.InRange(endless.Served, 1024 * 1024, 2 * 1024 * 1024);
            Assert.Equal(["selfie.jpg"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string, string> NotUtf8Answers()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { nameof(IIdCloudProcessApi.GetSelfieAsync), nameof(IIdCloudProcessApi.GetEvidenceSetAsync) })
        {
            data.Add(method, "fileContents");
            data.Add(method, "contentType");
        }

        return data;
    }

    /// <summary>
    /// A hostile or broken server sends bytes that are not UTF-8 (a lone 0xFF, a truncated two-byte sequence) inside a
    /// member the SDK reads: the answer is the SDK's InvalidResponse naming the request, never a raw decoding exception
    /// or a file built from garbage.
    /// </summary>
    [Theory]
    [MemberData(nameof(NotUtf8Answers))]
    public async Task BytesThatAreNotUtf8InAMemberTheSdkReadsAreAnInvalidResponse(string method, string member)
    {
        byte[] notUtf8 = [0xFF, 0xC3];
        var before = Encoding.UTF8.GetBytes(member == "fileContents" ? """{"contentType":"x-pdf","fileContents":"AAEC""" : """{"fileContents":"AAEC","contentType":"x-""");
        var after = Encoding.UTF8.GetBytes("\"}");
        byte[] body = [.. before, .. notUtf8, .. after];
        _mock.When("*").Respond(_ =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var exception = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.InvalidResponse, () => CallAsync(method));

        Assert.Equal(OperationOf(method), exception.Operation);
        Assert.EndsWith($"/client/v1/process/{ProcessId}/{PathOf(method)}", exception.RequestUri?.ToString(), StringComparison.Ordinal);
    }

    private static string PathOf(string method) => method == nameof(IIdCloudProcessApi.GetSelfieAsync) ? "selfie" : "evidenceset";

    private static string OperationOf(string method) => method == nameof(IIdCloudProcessApi.GetSelfieAsync) ? "GetSelfie" : "GetEvidenceSet";

    private static HttpResponseMessage Answer(string body, bool declareLength)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");
        if (declareLength)
        {
            content.Headers.ContentLength = bytes.Length;
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private Task<IdCloudFile> CallAsync(string method) =>
        method == nameof(IIdCloudProcessApi.GetSelfieAsync) ? Api.GetSelfieAsync(ProcessId) : Api.GetEvidenceSetAsync(ProcessId);
}
