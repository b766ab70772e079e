using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Redis.Tests.Infrastructure;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>
/// Redis stops in the middle of a run (the redis-server process is killed): calls keep succeeding on in-process
/// behaviour, nothing escapes to the caller, the log says what degraded and a metric counts it.
/// </summary>
public sealed class RedisOutageTests(RedisOutageTests.Fixture fixture) : IClassFixture<RedisOutageTests.Fixture>
{
    [Fact]
    public async Task WhenRedisStopsMidRunCallsKeepSucceedingAndTheLogSaysWhatDegraded()
    {
        await using var redis = await RedisServer.StartAsync();
        var account = fixture.Emulator.CreateServiceAccount();
        var fallbacks = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IdCloudTelemetry.MeterName && instrument.Name == IdCloudRedisFallback.FallbacksInstrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (fallbacks)
            {
                fallbacks.Add(tags.ToArray().Single(t => t.Key == "feature").Value!.ToString()!);
            }
        });
        listener.Start();

        await using var instance = Instance.Start(account, redis.Configuration, "o:", fixture.KeyRing, budget: b => b.RequestsPerSecond = 50);
        var created = await instance.Processes.CreateProcessAsync(Requests.IdLive(7));
        await instance.Processes.GetProcessAsync(created.Id!);
        Assert.Equal(IdCloudWebhookClaim.Claimed, await instance.Deduplication.TryClaimAsync(new(created.Id!, "A"), TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain(instance.Logs.Entries, e => e.EventId == 7001);

        await redis.StopAsync();

        // Every piece is exercised after the outage: API calls (rate limiter), a token the API rejects (token cache),
        // webhook claims (de-duplication). None of them throws.
        for (var i = 0; i < 5; i++)
        {
            await instance.Processes.GetProcessAsync(created.Id!);
        }

        fixture.Emulator.RevokeAccessTokens();
        await instance.Processes.GetProcessAsync(created.Id!);
        var second = await instance.Processes.CreateProcessAsync(Requests.IdLive(8));
        Assert.Equal(IdCloudWebhookClaim.Claimed, await instance.Deduplication.TryClaimAsync(new(second.Id!, "A"), TimeSpan.FromMinutes(1)));
        Assert.Equal(IdCloudWebhookClaim.InProgress, await instance.Deduplication.TryClaimAsync(new(second.Id!, "A"), TimeSpan.FromMinutes(1)));

        var degraded = instance.Logs.Entries.Where(e => e.EventId == 7001).Select(e => e.Message).ToList();
        Assert.Contains(degraded, m => m.Contains("token-cache", StringComparison.Ordinal));
        Assert.Contains(degraded, m => m.Contains("rate-limiter", StringComparison.Ordinal));
        Assert.Contains(degraded, m => m.Contains("webhook-deduplication", StringComparison.Ordinal));
        Assert.Equal(3, degraded.Count); // once per feature and outage, not once per call
        lock (fallbacks)
        {
            Assert.Contains("token-cache", fallbacks);
            Assert.Contains("rate-limiter", fallbacks);
            Assert.Contains("webhook-deduplication", fallbacks);
        }
    }

    [Fact]
    public async Task WhenRedisIsUnreachableAtStartTheFirstCallWaitsOnlyConnectTimeoutThenFallsBackAndRedisIsUsedOnceItIsUp()
    {
        // docs/scale-out.md: "Redis unreachable at start | Calls wait for the first connection up to ConnectTimeout,
        // then fall back"; 7001 names what degraded, 7002 says Redis is back. Nothing listens on a port this test keeps
        // bound without listening until Redis is started on it (a port merely released could be taken meanwhile, and
        // then either something answers there or Redis cannot bind it).
        using var holder = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        holder.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)holder.LocalEndPoint!).Port;

        // ConnectTimeout 2 s: the second call must not wait for it again, and on a busy two-core machine a call that
        // falls back at once can still take most of a second (with 1 s, "under 900 ms" left no room for a stall).
        var connectTimeout = TimeSpan.FromSeconds(2);
        await using var instance = Instance.Start(fixture.Emulator.CreateServiceAccount(), $"127.0.0.1:{port}", "u:", fixture.KeyRing, redis: o => o.ConnectTimeout = connectTimeout);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(IdCloudWebhookClaim.Claimed, await instance.Deduplication.TryClaimAsync(new(Guid.NewGuid().ToString(), "A"), TimeSpan.FromMinutes(1)));
        var first = clock.Elapsed;
        clock.Restart();
        Assert.Equal(IdCloudWebhookClaim.Claimed, await instance.Deduplication.TryClaimAsync(new(Guid.NewGuid().ToString(), "A"), TimeSpan.FromMinutes(1)));
        var second = clock.Elapsed;

        Assert.InRange(first, connectTimeout - TimeSpan.FromMilliseconds(100), connectTimeout + TimeSpan.FromSeconds(4));
        Assert.InRange(second, TimeSpan.Zero, connectTimeout - TimeSpan.FromMilliseconds(100)); // the wait is for start-up only
        Assert.Contains(instance.Logs.Entries, e => e.EventId == 7001 && e.Message.Contains("webhook-deduplication", StringComparison.Ordinal));

        holder.Dispose(); // now Redis may have the port
        await using var redis = await RedisServer.StartAsync(port);
        await using var direct = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var key = new IdCloudWebhookDeliveryKey(Guid.NewGuid().ToString(), "PROCESS_STATE_FINISHED");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await direct.GetDatabase().KeyExistsAsync($"u:webhook:{key}") && DateTime.UtcNow < deadline)
        {
            await instance.Deduplication.TryClaimAsync(key, TimeSpan.FromMinutes(1));
            await Task.Delay(200);
        }

        Assert.True(await direct.GetDatabase().KeyExistsAsync($"u:webhook:{key}"), "the claim never reached Redis after it came up");
        Assert.Contains(instance.Logs.Entries, e => e.EventId == 7002);
    }

    public sealed class Fixture : RedisFixture;
}
