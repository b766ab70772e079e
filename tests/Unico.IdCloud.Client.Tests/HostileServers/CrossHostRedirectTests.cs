using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Authentication;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// A wrong or hostile server answers with a redirect to another host, or sets a cookie, over real sockets. The bearer
/// token, the APIKEY and the token assertion must never reach the other host, and no cookie is stored or sent back:
/// a redirect is the typed error of its status, and the other host sees no request at all.
/// </summary>
public sealed class CrossHostRedirectTests
{
    private const string ByClientId = "8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11";
    private const string ProcessId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    public static TheoryData<string, int> Calls => new()
    {
        { nameof(IIdCloudByClient.GetProcessAsync), 302 },
        { nameof(IIdCloudByClient.CreateProcessAsync), 307 },
        { nameof(IIdCloudProcessClient.SetProcessDocumentAsync), 308 },
        { nameof(IIdCloudSignatureClient.GetSignedDocumentAsync), 302 },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_redirect_to_another_host_is_not_followed(string call, int status)
    {
        await using var other = new RawHttpServer((stream, _, ct) => RawHttpServer.WriteJsonAsync(stream, "200 OK", "{}"u8.ToArray(), ct));
        await using var server = Redirecting(status, other.BaseAddress);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => CallAsync(app, call));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(0, other.RequestCount);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_token_endpoint_redirect_to_another_host_does_not_carry_the_assertion()
    {
        await using var other = new RawHttpServer((stream, _, ct) => RawHttpServer.WriteJsonAsync(stream, "200 OK", """{"access_token":"stolen","expires_in":3600}"""u8.ToArray(), ct));
        await using var identity = Redirecting(307, other.BaseAddress);
        await using var api = new RawHttpServer((stream, _, ct) => RawHttpServer.WriteJsonAsync(stream, "200 OK", "{}"u8.ToArray(), ct));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(o =>
        {
            o.IdentityBaseAddress = identity.BaseAddress;
            o.ProcessApiBaseAddress = api.BaseAddress;
            o.ServiceAccount.AccountName = "acme";
            o.ServiceAccount.TenantId = "tenant-1";
            o.ServiceAccount.PrivateKeyPem = TestKeys.Pkcs8Pem;
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerEnabled = false;
        });
        await using var app = services.BuildServiceProvider();

        await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId));

        Assert.Equal(0, other.RequestCount);
        Assert.Equal(0, api.RequestCount);
    }

    [Fact]
    public async Task Cookies_set_by_a_server_are_never_sent_back()
    {
        var heads = new List<string>();
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            lock (heads)
            {
                heads.Add(head);
            }

            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            var body = head.StartsWith("GET /processes", StringComparison.Ordinal)
                ? Encoding.ASCII.GetBytes($$"""{"id":"{{ByClientId}}","status":1}""")
                : Encoding.ASCII.GetBytes("{\"process\":{\"id\":\"" + ProcessId + "\",\"state\":\"PROCESS_STATE_CREATED\"}}");
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/json\nSet-Cookie: session=hijack; Path=/\nContent-Length: {body.Length}\n", ct);
            await stream.WriteAsync(body, ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        for (var i = 0; i < 2; i++)
        {
            await app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ByClientId);
            await app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId);
        }

        Assert.Equal(4, heads.Count);
        Assert.All(heads, head => Assert.DoesNotContain("\r\nCookie:", head, StringComparison.OrdinalIgnoreCase));
    }

    private static RawHttpServer Redirecting(int status, Uri other) =>
        new(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            var target = new Uri(new Uri($"http://localhost:{other.Port}/"), head.Split(' ')[1]);
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 {status} Moved\nLocation: {target}\nContent-Length: 0\n", ct);
        });

    private static Task CallAsync(ServiceProvider app, string call) => call switch
    {
        nameof(IIdCloudByClient.GetProcessAsync) => app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ByClientId),
        nameof(IIdCloudByClient.CreateProcessAsync) => app.GetRequiredService<IIdCloudByClient>().CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "73689290074", Name = "Fulano de Tal", ClientReference = "ref-1" }, "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl")),
        nameof(IIdCloudProcessClient.SetProcessDocumentAsync) => app.GetRequiredService<IIdCloudProcessClient>().SetProcessDocumentAsync(ProcessId, Cpf.Parse("73689290074")),
        nameof(IIdCloudSignatureClient.GetSignedDocumentAsync) => app.GetRequiredService<IIdCloudSignatureClient>().GetSignedDocumentAsync("doc-1"),
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, null),
    };
}
