using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// Issue 14 risk: 2,000 concurrent calls opened 2,000 TCP connections. The primary handler now caps connections per
/// server (<see cref="IdCloudResilienceOptions.MaxConnectionsPerServer"/>); the listener counts what it accepted.
/// </summary>
public sealed class ConnectionCapTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(4)]
    public async Task TwoThousandConcurrentCalls_OpenAtMostMaxConnectionsPerServer(int? cap)
    {
        const int calls = 2000;
        await using var server = new RawHttpServer(async (stream, _, ct) =>
        {
            await Task.Delay(5, ct);
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2\n", ct);
            await stream.WriteAsync("{}"u8.ToArray(), ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMinutes(2);
            o.TotalTimeout = TimeSpan.FromMinutes(2);
            if (cap is { } value)
            {
                o.MaxConnectionsPerServer = value;
            }
        });
        var expectedCap = cap ?? new IdCloudResilienceOptions().MaxConnectionsPerServer;
        var client = app.GetRequiredService<IHttpClientFactory>().CreateClient(IdCloudHttpClientNames.ProcessApi);

        var responses = await Task.WhenAll(Enumerable.Range(0, calls).Select(async i =>
        {
            using var response = await client.GetAsync(new Uri($"client/v1/process/{i}", UriKind.Relative));
            return response.IsSuccessStatusCode;
        })).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.All(responses, Assert.True);
        Assert.Equal(calls, server.RequestCount);
        Assert.InRange(server.ConnectionCount, 1, expectedCap);
        Assert.Equal(64, new IdCloudResilienceOptions().MaxConnectionsPerServer);
    }
}
