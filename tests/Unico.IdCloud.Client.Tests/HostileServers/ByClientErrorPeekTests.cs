using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// The by Client handler peeks at a 500 (code 10700) and a 403 (10501/10502) body before the error mapper reads it.
/// Over a real socket, with a chunked JSON body larger than the peek: the peek gives up, and the mapper still reads
/// the code and description the body carries.
/// </summary>
public sealed class ByClientErrorPeekTests
{
    private const string ByClientId = "8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11";
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("500 Internal Server Error", "20502")]
    [InlineData("403 Forbidden", "30017")]
    public async Task A_chunked_json_error_larger_than_the_peek_keeps_its_code(string status, string code)
    {
        // The code first, then a long description: a stack trace or a long message, sent chunked (no Content-Length).
        var body = Encoding.UTF8.GetBytes($$$"""{"error":{"code":"{{{code}}}","description":"Falha interna! {{{new string('x', 40_000)}}}"}}""");
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 {status}\nContent-Type: application/json\nTransfer-Encoding: chunked\n", ct);
            foreach (var chunk in body.Chunk(4096))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), ct);
                await stream.WriteAsync(chunk, ct);
                await stream.WriteAsync("\r\n"u8.ToArray(), ct);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAsync<IdCloudByClientException>(() => app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ByClientId).WaitAsync(Slack));

        Assert.Equal(code, error.ErrorCode);
    }

    [Theory]
    [InlineData("500 Internal Server Error")]
    [InlineData("403 Forbidden")]
    public async Task An_error_whose_body_stalls_during_the_peek_gives_its_connection_back(string status)
    {
        // The peek reads under the attempt timeout. When it fires, the answer the handler was reading must be released:
        // with one connection per server, a leaked one would leave every later call waiting for a free connection.
        var calls = 0;
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            if (Interlocked.Increment(ref calls) == 1)
            {
                await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 {status}\nContent-Type: application/json\nContent-Length: 100\n", ct);
                await stream.WriteAsync("{\"error\""u8.ToArray(), ct);
                await Task.Delay(Timeout.Infinite, ct);
            }

            await RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.UTF8.GetBytes($$"""{"id":"{{ByClientId}}","status":1}"""), ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, o =>
        {
            o.MaxConnectionsPerServer = 1;
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
        });
        var client = app.GetRequiredService<IIdCloudByClient>();

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => client.GetProcessAsync(ByClientId).WaitAsync(Slack));
        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);

        var process = await client.GetProcessAsync(ByClientId).WaitAsync(Slack);
        Assert.Equal(ByClientId, process.Id);
    }
}
