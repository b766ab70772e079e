using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Tests.Authentication;
using Unico.IdCloud.Client.Tests.HostileServers;

namespace Unico.IdCloud.Client.Tests.VendorDocs;

/// <summary>
/// The vendor's error bodies, verbatim, over real sockets with the SDK wired by AddIdCloud. The identity service's
/// documented refusal is <c>{"error":"server_error","error_description":"Falha na autenticação x.x.x"}</c> and the by
/// Client table's descriptions are Portuguese too ("O token informado é inválido"): the code must survive a server that
/// writes those accents in ISO-8859-1 rather than UTF-8, and a sentence-final full stop after the dotted code.
/// </summary>
public sealed class DocumentedErrorTextTests
{
    private const string ProcessId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0In0.c2lnbmF0dXJl";
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Spellings => new()
    {
        // name, content type; the body is the documented one, encoded as the name says.
        { "utf-8", "application/json" },
        { "latin1 declared", "application/json; charset=iso-8859-1" },
        { "latin1 undeclared", "application/json" },
        { "utf-8 with a final full stop", "application/json" },
        { "latin1 with a final full stop", "application/json; charset=ISO-8859-1" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task A_documented_misconfiguration_refusal_keeps_its_code_and_is_not_retried(string spelling, string contentType)
    {
        await using var identity = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await WriteAsync(stream, "401 Unauthorized", contentType, Refusal("1.2.5", spelling), ct);
        });
        await using var api = ProcessApi();
        await using var app = Start(identity.BaseAddress, api.BaseAddress);

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(
            () => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.Equal("1.2.5", error.ErrorCode);
        Assert.True(error.IsConfigurationError);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Falha na autentica", error.Description, StringComparison.Ordinal);
        Assert.Equal(1, identity.RequestCount);
        Assert.Equal(0, api.RequestCount);
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task A_documented_replay_refusal_1_2_7_is_retried_once_with_a_fresh_assertion(string spelling, string contentType)
    {
        var assertions = new ConcurrentQueue<string>();
        await using var identity = new RawHttpServer(async (stream, head, ct) =>
        {
            var form = Encoding.ASCII.GetString(await RawHttpServer.ReadBodyAsync(stream, head, ct));
            assertions.Enqueue(form);
            if (assertions.Count == 1)
            {
                await WriteAsync(stream, "401 Unauthorized", contentType, Refusal("1.2.7", spelling), ct);
                return;
            }

            await RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600,"token_type":"Bearer"}"""), ct);
        });
        await using var api = ProcessApi();
        await using var app = Start(identity.BaseAddress, api.BaseAddress);

        var process = await app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(ProcessId, process.Id);
        Assert.Equal(2, assertions.Count);
        Assert.Equal(2, assertions.Distinct().Count());
    }

    [Theory]
    [InlineData("1.2.18")]
    [InlineData("1.2.5")]
    [InlineData("1.0.1")]
    public async Task The_documented_refusal_body_under_a_200_status_is_still_the_refusal_and_is_not_retried(string code)
    {
        // The vendor documents the body and the codes, not the status each comes with: the code decides.
        await using var identity = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await WriteAsync(stream, "200 OK", "application/json", Refusal(code, "utf-8"), ct);
        });
        await using var api = ProcessApi();
        await using var app = Start(identity.BaseAddress, api.BaseAddress);

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(
            () => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.Equal(code, error.ErrorCode);
        Assert.True(error.IsConfigurationError);
        Assert.Equal(1, identity.RequestCount);
        Assert.Equal(0, api.RequestCount);
    }

    [Fact]
    public async Task The_documented_refusal_body_under_a_200_status_in_latin1_is_still_the_refusal()
    {
        await using var identity = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await WriteAsync(stream, "200 OK", "application/json", Refusal("1.2.18", "latin1"), ct);
        });
        await using var api = ProcessApi();
        await using var app = Start(identity.BaseAddress, api.BaseAddress);

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(
            () => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));

        Assert.Equal("1.2.18", error.ErrorCode);
        Assert.Equal(1, identity.RequestCount);
    }

    [Theory]
    [InlineData("text/plain", "Service 1.2.5 is starting, try again")]
    [InlineData("application/json", "{\"message\":\"gateway 1.2.5 warming up\"}")]
    public async Task A_200_that_only_mentions_a_dotted_number_is_still_an_unusable_answer_that_is_retried(string contentType, string body)
    {
        await using var identity = IdentityAnsweringFirst((stream, ct) => WriteAsync(stream, "200 OK", contentType, Encoding.UTF8.GetBytes(body), ct));
        await using var api = ProcessApi();
        await using var app = Start(identity.BaseAddress, api.BaseAddress);

        var process = await app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(ProcessId, process.Id);
        Assert.Equal(2, identity.RequestCount);
    }

    [Fact]
    public async Task The_documented_replay_body_under_a_200_status_is_retried_once_with_a_fresh_assertion()
    {
        await using var identity = IdentityAnsweringFirst((stream, ct) => WriteAsync(stream, "200 OK", "application/json", Refusal("1.2.7", "utf-8"), ct));
        await using var api = ProcessApi();
        await using var app = Start(identity.BaseAddress, api.BaseAddress);

        var process = await app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(ProcessId, process.Id);
        Assert.Equal(2, identity.RequestCount);
    }

    [Theory]
    [InlineData("utf-8", "application/json")]
    [InlineData("latin1", "application/json; charset=iso-8859-1")]
    [InlineData("latin1", "application/json")]
    public async Task A_by_Client_403_10501_in_any_of_these_spellings_refreshes_the_token_and_resends(string encoding, string contentType)
    {
        // developers.unico.io response-error table: 403, 10501, "O token informado é inválido".
        var body = """{"error":{"code":"10501","description":"O token informado é inválido"}}""";
        var calls = 0;
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await ((Interlocked.Increment(ref calls) == 1)
                ? WriteAsync(stream, "403 Forbidden", contentType, Encode(body, encoding), ct)
                : RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.ASCII.GetBytes($$$"""{"id":"{{{ProcessId}}}","status":3,"unicoId":{"result":"yes"}}"""), ct));
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var process = await app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(ByClientProcessStatus.Finished, process.Status);
        Assert.Equal(2, server.RequestCount);
    }

    [Theory]
    [InlineData("latin1", "application/json; charset=iso-8859-1")]
    [InlineData("latin1", "application/json")]
    public async Task A_by_Client_403_10201_written_in_latin1_is_the_typed_invalid_api_key_error(string encoding, string contentType)
    {
        var body = """{"error":{"code":"10201","description":"O AppKey informado é inválido"}}""";
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await WriteAsync(stream, "403 Forbidden", contentType, Encode(body, encoding), ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAsync<IdCloudByClientException>(
            () => app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));

        Assert.Equal(ByClientErrorReason.InvalidApiKey, error.Reason);
        Assert.Equal(IdCloudErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("10201", error.ErrorCode);
        Assert.Equal("O AppKey informado é inválido", error.Description);
        Assert.Equal(1, server.RequestCount);
    }

    private static byte[] Refusal(string code, string spelling)
    {
        var stop = spelling.Contains("full stop", StringComparison.Ordinal) ? "." : string.Empty;
        var json = $$"""{"error":"server_error","error_description":"Falha na autenticação {{code}}{{stop}}"}""";
        return Encode(json, spelling.StartsWith("latin1", StringComparison.Ordinal) ? "latin1" : "utf-8");
    }

    private static byte[] Encode(string text, string encoding) =>
        encoding == "latin1" ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);

    private static async Task WriteAsync(Stream stream, string status, string contentType, byte[] body, CancellationToken ct)
    {
        await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 {status}\nContent-Type: {contentType}\nContent-Length: {body.Length}\n", ct);
        await stream.WriteAsync(body, ct);
    }

    /// <summary>An identity service whose first answer is <paramref name="first"/> and every later one a token.</summary>
    private static RawHttpServer IdentityAnsweringFirst(Func<Stream, CancellationToken, Task> first)
    {
        var requests = 0;
        return new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await (Interlocked.Increment(ref requests) == 1
                ? first(stream, ct)
                : RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600,"token_type":"Bearer"}"""), ct));
        });
    }

    private static RawHttpServer ProcessApi() => new(async (stream, head, ct) =>
        await RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.ASCII.GetBytes("{\"process\":{\"id\":\"" + ProcessId + "\",\"state\":\"PROCESS_STATE_CREATED\"}}"), ct));

    private static ServiceProvider Start(Uri identity, Uri api)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(o =>
        {
            o.IdentityBaseAddress = identity;
            o.ProcessApiBaseAddress = api;
            o.ServiceAccount.AccountName = "acme";
            o.ServiceAccount.TenantId = "tenant-1";
            o.ServiceAccount.PrivateKeyPem = TestKeys.Pkcs8Pem;
            o.Token.MaxTransientAttempts = 2;
            o.Token.TokenRequestTimeout = TimeSpan.FromSeconds(15);
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerEnabled = false;
        });
        return services.BuildServiceProvider();
    }
}
