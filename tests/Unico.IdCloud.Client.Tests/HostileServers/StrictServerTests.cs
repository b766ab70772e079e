using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Authentication;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// A strict server, as found in front of real APIs and in simple test doubles: it reads request bodies by
/// <c>Content-Length</c> only and answers <c>411 Length Required</c> to a body sent chunked (Python's <c>http.server</c>,
/// some proxies), and it answers <c>403</c> to a request without a <c>User-Agent</c> (a common web-firewall rule). Every
/// request the SDK sends (the token exchange, CreateProcess with and without documents, Set Process Document, by Client
/// CreateProcess and VerifyData, a POST without a body) must go through, with its exact length announced and the SDK
/// named. Real sockets, the SDK wired as a user wires it, a real RSA key for the token exchange.
/// </summary>
public sealed class StrictServerTests : IAsyncLifetime
{
    private const string ProcessId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private readonly ConcurrentQueue<(string Head, byte[] Body)> _received = new();
    private RawHttpServer _server = null!;
    private ServiceProvider _app = null!;

    public Task InitializeAsync()
    {
        _server = new RawHttpServer(AnswerAsync);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(o =>
        {
            o.IdentityBaseAddress = _server.BaseAddress;
            o.ProcessApiBaseAddress = _server.BaseAddress;
            o.ByClient.BaseAddress = _server.BaseAddress;
            o.ByClient.ApiKeys["main"] = "length-only-api-key";
            o.ServiceAccount.AccountName = "acme";
            o.ServiceAccount.TenantId = "tenant-1";
            o.ServiceAccount.PrivateKeyPem = TestKeys.Pkcs8Pem;
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerEnabled = false;
        });
        _app = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task CreateProcess_with_documents_announces_the_exact_length_of_the_streamed_body()
    {
        // 300,001 and 8 bytes: base64 padded with "==" and with "=", the two cases the length arithmetic must count.
        var first = Pdf(seed: 1, size: 300_001);
        var second = Pdf(seed: 2, size: 8);
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdUnicoSign,
            Purpose = Purpose.CreditProcess,
            ClientReference = "order-1",
            Person = new ProcessPerson { Cpf = Cpf.Parse("73689290074"), Email = "signer@example.com" },
            Payload =
            [
                new EnvelopePayload { Documents = [new EnvelopeDocument { DocumentName = "contract.pdf", FileContents = first }] },
                new EnvelopePayload { Documents = [new EnvelopeDocument { DocumentName = "annex.pdf", FileContents = second }] },
            ],
        };

        var process = await _app.GetRequiredService<IIdCloudProcessClient>().CreateProcessAsync(request);

        Assert.Equal(ProcessId, process.Id);
        var body = SingleBodyOf("POST /client/v1/process ");
        using var sent = JsonDocument.Parse(body);
        var payload = sent.RootElement.GetProperty("payload");
        Assert.Equal(first, payload[0].GetProperty("envelopePayload").GetProperty("documents")[0].GetProperty("fileContents").GetBytesFromBase64());
        Assert.Equal(second, payload[1].GetProperty("envelopePayload").GetProperty("documents")[0].GetProperty("fileContents").GetBytesFromBase64());
        Assert.Equal("order-1", sent.RootElement.GetProperty("clientReference").GetString());
    }

    [Fact]
    public async Task CreateProcess_without_documents_announces_its_length()
    {
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.Id,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { Cpf = Cpf.Parse("73689290074") },
        };

        var process = await _app.GetRequiredService<IIdCloudProcessClient>().CreateProcessAsync(request);

        Assert.Equal(ProcessId, process.Id);
        using var sent = JsonDocument.Parse(SingleBodyOf("POST /client/v1/process "));
        Assert.Equal("73689290074", sent.RootElement.GetProperty("person").GetProperty("duiValue").GetString());
    }

    [Fact]
    public async Task SetProcessDocument_announces_its_length()
    {
        var document = await _app.GetRequiredService<IIdCloudProcessClient>().SetProcessDocumentAsync(ProcessId, Cpf.Parse("73689290074"));

        Assert.Equal(ProcessId, document.Id);
        using var sent = JsonDocument.Parse(SingleBodyOf($"POST /client/v1/process/{ProcessId}/document "));
        Assert.Equal("DUI_TYPE_BR_CPF", sent.RootElement.GetProperty("duiType").GetString());
        Assert.Equal("73689290074", sent.RootElement.GetProperty("duiValue").GetString());
    }

    [Fact]
    public async Task ByClient_CreateProcess_announces_its_length()
    {
        var request = ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "73689290074", Name = "Fulano de Tal" }, "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl");

        var process = await _app.GetRequiredService<IIdCloudByClient>().CreateProcessAsync(request);

        Assert.Equal("8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11", process.Id);
        using var sent = JsonDocument.Parse(SingleBodyOf("POST /processes/v1 "));
        Assert.Equal("eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl", sent.RootElement.GetProperty("imageBase64").GetString());
    }

    [Fact]
    public async Task ByClient_VerifyData_announces_a_length_of_0_for_its_empty_body()
    {
        var data = await _app.GetRequiredService<IIdCloudByClient>().VerifyDataAsync("73689290074");

        Assert.Equal("41c24382-36ce-4bb4-8339-352114f71f78", data.Id);
        Assert.Empty(SingleBodyOf("POST /lists/73689290074 "));
        var (head, _) = Assert.Single(_received, r => r.Head.StartsWith("POST /lists/", StringComparison.Ordinal));
        Assert.Contains("\r\nContent-Length: 0\r\n", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nAPIKEY: length-only-api-key\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nUser-Agent: Unico.IdCloud.Client/", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_really_refuses_a_chunked_body()
    {
        // Guards the tests above: the same server turns a chunked body away, so their passing means a length was sent.
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("guard/1");
        using var chunked = new StreamContent(new NonSeekableStream("{}"u8.ToArray()));

        using var response = await http.PostAsync("client/v1/process", chunked);

        Assert.Equal(411, (int)response.StatusCode);
    }

    [Fact]
    public async Task The_server_really_refuses_a_request_without_a_User_Agent()
    {
        // Guards the tests above: HttpClient sends no User-Agent of its own, and this server refuses such a request.
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };

        using var response = await http.GetAsync($"client/v1/process/{ProcessId}");

        Assert.Equal(403, (int)response.StatusCode);
    }

    [Fact]
    public async Task Every_request_names_the_sdk_and_its_version_in_the_User_Agent()
    {
        await _app.GetRequiredService<IIdCloudProcessClient>().SetProcessDocumentAsync(ProcessId, Cpf.Parse("73689290074"));

        var version = typeof(IIdCloudProcessClient).Assembly.GetName().Version!.ToString(3);
        Assert.Equal(2, _received.Count);
        Assert.All(_received, r => Assert.Contains($"\r\nUser-Agent: Unico.IdCloud.Client/{version} (.NET {Environment.Version})\r\n", r.Head, StringComparison.Ordinal));
    }

    /// <summary>The body of the one request whose request line starts with <paramref name="requestLine"/>, after checking its head.</summary>
    private byte[] SingleBodyOf(string requestLine)
    {
        var (head, body) = Assert.Single(_received, r => r.Head.StartsWith(requestLine, StringComparison.Ordinal));
        Assert.Equal(body.Length, DeclaredLength(head));
        Assert.DoesNotContain("Transfer-Encoding", head, StringComparison.OrdinalIgnoreCase);
        var token = Assert.Single(_received, r => r.Head.StartsWith("POST /oauth2/token ", StringComparison.Ordinal));
        Assert.Equal(token.Body.Length, DeclaredLength(token.Head));
        return body;
    }

    private static long? DeclaredLength(string head) =>
        head.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } line
            ? long.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture)
            : null;

    private async Task AnswerAsync(Stream stream, string head, CancellationToken cancellationToken)
    {
        var declared = DeclaredLength(head);
        if (!head.Contains("\r\nUser-Agent: ", StringComparison.OrdinalIgnoreCase))
        {
            await RawHttpServer.WriteJsonAsync(stream, "403 Forbidden", """{"error":{"code":"403","description":"No User-Agent"}}"""u8.ToArray(), cancellationToken);
            throw new IOException("The connection is closed after a request without a User-Agent.");
        }

        if (head.Contains("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) || (head.StartsWith("POST ", StringComparison.Ordinal) && declared is null))
        {
            // What a length-only server does: it cannot find the end of the body, so it refuses and closes.
            await RawHttpServer.WriteJsonAsync(stream, "411 Length Required", """{"error":{"code":"411","description":"Length Required"}}"""u8.ToArray(), cancellationToken);
            throw new IOException("The connection is closed after a body whose length is unknown.");
        }

        var body = declared is { } length ? await ReadExactlyAsync(stream, length, cancellationToken) : [];
        _received.Enqueue((head, body));
        var answer = head switch
        {
            _ when head.StartsWith("POST /oauth2/token ", StringComparison.Ordinal) =>
                """{"access_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0In0.c2lnbmF0dXJl","token_type":"Bearer","expires_in":3600}""",
            _ when head.StartsWith("POST /client/v1/process ", StringComparison.Ordinal) =>
                $$$"""{"process":{"id":"{{{ProcessId}}}","state":"PROCESS_STATE_CREATED"}}""",
            _ when head.StartsWith($"POST /client/v1/process/{ProcessId}/document ", StringComparison.Ordinal) =>
                $$$$"""{"process":{"id":"{{{{ProcessId}}}}","person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}}}""",
            _ when head.StartsWith("POST /processes/v1 ", StringComparison.Ordinal) =>
                """{"id":"8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11","status":3,"unicoId":{"result":"yes"}}""",
            _ when head.StartsWith("POST /lists/73689290074 ", StringComparison.Ordinal) =>
                """{"id":"41c24382-36ce-4bb4-8339-352114f71f78","status":3,"lists":{"basicData":{"name":"JOAO DA SILVA"}}}""",
            _ => null,
        };
        if (answer is null)
        {
            await RawHttpServer.WriteJsonAsync(stream, "404 Not Found", """{"error":{"code":"5","description":"not found"}}"""u8.ToArray(), cancellationToken);
            return;
        }

        await RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.UTF8.GetBytes(answer), cancellationToken);
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, long length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return body;
    }

    private static byte[] Pdf(int seed, int size)
    {
        var pdf = new byte[size];
        new Random(seed).NextBytes(pdf);
        "%PDF-"u8.CopyTo(pdf);
        return pdf;
    }

    /// <summary>A stream HttpClient cannot measure, so a body over it goes out chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
