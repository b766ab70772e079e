using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Tests.Authentication;
using Unico.IdCloud.Client.Tests.HostileServers;

namespace Unico.IdCloud.Client.Tests.VendorDocsByClient;

/// <summary>
/// The by Client error table lists 10700 under HTTP 500 as "Falha Interna!", explained as a generic token validation
/// error whose possible causes are an expired or invalid token. Over real sockets, with a real identity endpoint that
/// hands out a new token on each request: the token the API could not validate is discarded, so a retried read and
/// every later call carry a new one; a CreateProcess is still never resent; other 500 codes keep the token.
/// </summary>
public sealed class ByClientTokenValidationErrorTests
{
    private const string ProcessId = "80371b2a-3ac7-432e-866d-57fe37896ac6";
    private const string Capture = "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl";
    private const string Documented10700 = """{"error":{"code":"10700","description":"Falha Interna!"}}""";
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_read_answered_10700_is_retried_with_a_new_token()
    {
        await using var scenario = new Scenario(maxRetries: 1, (call, stream, ct) => call == 1
            ? Json(stream, "500 Internal Server Error", Documented10700, ct)
            : Json(stream, "200 OK", $$$"""{"id":"{{{ProcessId}}}","status":3,"unicoId":{"result":"yes"}}""", ct));

        var process = await scenario.ByClient.GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(ByClientProcessStatus.Finished, process.Status);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], scenario.Authorizations);
        Assert.Equal(2, scenario.TokenRequests);
    }

    [Fact]
    public async Task A_CreateProcess_answered_10700_is_not_resent_but_the_next_call_carries_a_new_token()
    {
        await using var scenario = new Scenario(maxRetries: 3, (call, stream, ct) => call == 1
            ? Json(stream, "500 Internal Server Error", Documented10700, ct)
            : Json(stream, "200 OK", $$$"""{"id":"{{{ProcessId}}}","status":1}""", ct));

        var error = await Assert.ThrowsAsync<IdCloudByClientException>(() => scenario.ByClient.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker" }, Capture)).WaitAsync(Slack));

        Assert.Equal(ByClientErrorReason.ServerError, error.Reason);
        Assert.Equal(IdCloudErrorKind.ServerError, error.Kind);
        Assert.Equal("10700", error.ErrorCode);
        Assert.Contains("validate the access token", error.Message, StringComparison.Ordinal);
        Assert.Contains("new one", error.Advice, StringComparison.Ordinal);
        Assert.Equal(["Bearer token-1"], scenario.Authorizations);

        await scenario.ByClient.GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(["Bearer token-1", "Bearer token-2"], scenario.Authorizations);
    }

    [Theory]
    [InlineData("510")]
    [InlineData("20502")]
    [InlineData("20503")]
    public async Task Another_documented_500_code_keeps_the_token(string code)
    {
        await using var scenario = new Scenario(maxRetries: 1, (call, stream, ct) => call == 1
            ? Json(stream, "500 Internal Server Error", $$$"""{"error":{"code":"{{{code}}}","description":"Falha interna!"}}""", ct)
            : Json(stream, "200 OK", $$$"""{"id":"{{{ProcessId}}}","status":1}""", ct));

        await scenario.ByClient.GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(["Bearer token-1", "Bearer token-1"], scenario.Authorizations);
        Assert.Equal(1, scenario.TokenRequests);
    }

    private static async Task Json(Stream stream, string status, string body, CancellationToken ct) =>
        await RawHttpServer.WriteJsonAsync(stream, status, Encoding.UTF8.GetBytes(body), ct);

    /// <summary>A raw identity endpoint issuing token-1, token-2, ... and a raw by Client host; the SDK wired by AddIdCloud.</summary>
    private sealed class Scenario : IAsyncDisposable
    {
        private readonly RawHttpServer _identity;
        private readonly RawHttpServer _api;
        private readonly ServiceProvider _app;
        private readonly ConcurrentQueue<string> _authorizations = new();
        private int _tokens;
        private int _calls;

        public Scenario(int maxRetries, Func<int, Stream, CancellationToken, Task> answer)
        {
            _identity = new RawHttpServer(async (stream, head, ct) =>
            {
                await RawHttpServer.ReadBodyAsync(stream, head, ct);
                var n = Interlocked.Increment(ref _tokens);
                await Json(stream, "200 OK", $$"""{"access_token":"token-{{n}}","expires_in":3600,"token_type":"Bearer"}""", ct);
            });
            _api = new RawHttpServer(async (stream, head, ct) =>
            {
                await RawHttpServer.ReadBodyAsync(stream, head, ct);
                var authorization = head.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase));
                _authorizations.Enqueue(authorization["Authorization:".Length..].Trim());
                await answer(Interlocked.Increment(ref _calls), stream, ct);
            });
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddIdCloud(o =>
            {
                o.IdentityBaseAddress = _identity.BaseAddress;
                o.ByClient.BaseAddress = _api.BaseAddress;
                o.ByClient.ApiKeys["onboarding"] = "key";
                o.ServiceAccount.AccountName = "acme";
                o.ServiceAccount.TenantId = "tenant-1";
                o.ServiceAccount.PrivateKeyPem = TestKeys.Pkcs8Pem;
                o.Resilience.MaxRetryAttempts = maxRetries;
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.Resilience.CircuitBreakerEnabled = false;
            });
            _app = services.BuildServiceProvider();
        }

        public IIdCloudByClient ByClient => _app.GetRequiredService<IIdCloudByClient>();

        public IReadOnlyList<string> Authorizations => [.. _authorizations];

        public int TokenRequests => Volatile.Read(ref _tokens);

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            await _api.DisposeAsync();
            await _identity.DisposeAsync();
        }
    }
}
