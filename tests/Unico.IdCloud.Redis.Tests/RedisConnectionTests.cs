using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.Redis.Tests.Infrastructure;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>
/// The first connection when it cannot be made. With <c>AbortOnConnectFail = false</c> StackExchange.Redis does not
/// throw for a Redis that is down, a host that does not resolve, refused credentials or a TLS mismatch: it answers a
/// multiplexer that keeps trying. It throws only for a configuration string that can never work (no endpoint, an
/// unknown keyword, a port out of range). These tests pin down both paths against a real redis-server.
/// </summary>
public sealed class RedisConnectionTests(RedisConnectionTests.Fixture fixture) : IClassFixture<RedisConnectionTests.Fixture>
{
    private const string Setting = "IdCloud:Redis:Configuration";

    [Fact]
    public async Task AFirstConnectAttemptThatThrowsIsMadeAgainAndALaterCallReachesRedis()
    {
        // A throw the client library does not document for these settings (a socket or TLS layer failing in an
        // unexpected way): the failed attempt must not be kept as the answer for the life of the process.
        var attempts = 0;
        await using var connection = new IdCloudRedisConnection(
            Options.Create(new IdCloudRedisOptions { Configuration = fixture.Redis.Configuration, ConnectTimeout = TimeSpan.FromSeconds(1) }),
            TimeProvider.System,
            async configuration =>
            {
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset);
                }

                return await ConnectionMultiplexer.ConnectAsync(configuration);
            });

        Assert.Null(await connection.GetDatabaseAsync());

        var asking = System.Diagnostics.Stopwatch.StartNew();
        IDatabase? database;
        while ((database = await connection.GetDatabaseAsync()) is null && asking.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.NotNull(database);
        var key = "c:" + Guid.NewGuid().ToString("N");
        await database.StringSetAsync(key, "reached");
        Assert.Equal("reached", (string?)await fixture.Direct.GetDatabase().StringGetAsync(key));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task RefusedCredentialsAtStartFallBackAndRedisIsUsedOnceTheyAreAcceptedWithoutThePasswordInTheLog()
    {
        var secret = "pw-" + Guid.NewGuid().ToString("N");
        await using var redis = await RedisServer.StartAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        await admin.GetDatabase().ExecuteAsync("CONFIG", "SET", "requirepass", "another-" + secret[3..]);
        await using var instance = Instance.Start(fixture.Emulator.CreateServiceAccount(), $"{redis.Configuration},password={secret}", "a:", fixture.KeyRing, redis: o => o.ConnectTimeout = TimeSpan.FromSeconds(1));

        Assert.Equal(IdCloudWebhookClaim.Claimed, await instance.Deduplication.TryClaimAsync(new(Guid.NewGuid().ToString(), "A"), TimeSpan.FromMinutes(1)));
        Assert.Contains(instance.Logs.Entries, e => e.EventId == 7001);

        // The operator fixes the password on the server side; the instance was never restarted.
        await admin.GetDatabase().ExecuteAsync("CONFIG", "SET", "requirepass", secret);
        var key = new IdCloudWebhookDeliveryKey(Guid.NewGuid().ToString(), "PROCESS_STATE_FINISHED");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await admin.GetDatabase().KeyExistsAsync($"a:webhook:{key}") && DateTime.UtcNow < deadline)
        {
            await instance.Deduplication.TryClaimAsync(key, TimeSpan.FromMinutes(1));
            await Task.Delay(200);
        }

        Assert.True(await admin.GetDatabase().KeyExistsAsync($"a:webhook:{key}"), "the claim never reached Redis once the password was accepted");
        Assert.Contains(instance.Logs.Entries, e => e.EventId == 7002);
        Assert.DoesNotContain(secret, instance.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password={secret}")] // no endpoint
    [InlineData("127.0.0.1:6379,foo=bar,password={secret}")] // an unknown keyword
    [InlineData("127.0.0.1:99999,password={secret}")] // a port out of range
    [InlineData("127.0.0.1:6379,password=ab,{secret}=x")] // a password with a comma: its rest is read as a keyword
    public async Task AConfigurationStringThatCanNeverConnectIsAConfigurationErrorNamingTheSettingNotThePassword(string configuration)
    {
        var secret = "pw" + Guid.NewGuid().ToString("N");
        await using var instance = Instance.Start(fixture.Emulator.CreateServiceAccount(), configuration.Replace("{secret}", secret, StringComparison.Ordinal), "m:", fixture.KeyRing);

        // Not a silent, permanent fallback logged as "unreachable": every call says what is wrong, as an empty
        // Configuration already does.
        for (var call = 0; call < 2; call++)
        {
            var error = await Assert.ThrowsAsync<IdCloudException>(() => instance.Deduplication.TryClaimAsync(new(Guid.NewGuid().ToString(), "A"), TimeSpan.FromMinutes(1)).AsTask());
            Assert.Equal(IdCloudErrorKind.Configuration, error.Kind);
            Assert.Equal(Setting, error.SettingName);
            Assert.Contains(Setting, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(secret, instance.Logs.AllText, StringComparison.Ordinal);
    }

    public sealed class Fixture : RedisFixture;
}
