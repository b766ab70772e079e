using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Redis.Tests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>
/// The shared token cache against a real redis-server and the emulator (real RS256 checks, single-use assertions):
/// several instances (separate DI containers, HttpClients and Redis connections in this process) share one token.
/// </summary>
public sealed class SharedTokenTests(SharedTokenTests.Fixture fixture) : IClassFixture<SharedTokenTests.Fixture>
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Fact]
    public async Task TenInstancesFromAColdStartMakeOneTokenRequestBetweenThem()
    {
        var account = fixture.Emulator.CreateServiceAccount();
        var before = fixture.Emulator.TokenRequestCount;
        var instances = Enumerable.Range(0, 10).Select(_ => Start(account)).ToList();
        try
        {
            using var go = new ManualResetEventSlim();
            var callers = instances.SelectMany(i => Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
            {
                go.Wait();
                return await i.Tokens.GetTokenAsync();
            }))).ToList();
            go.Set();
            var tokens = await Task.WhenAll(callers);

            Assert.Equal(1, fixture.Emulator.TokenRequestCount - before);
            Assert.Single(tokens.Select(t => t.Value).Distinct());
        }
        finally
        {
            await DisposeAllAsync(instances);
        }
    }

    [Fact]
    public async Task TheTokenInRedisIsProtectedAndItsKeyNamesIdentityHostTenantAndAccount()
    {
        var account = fixture.Emulator.CreateServiceAccount();
        await using var instance = Start(account);
        var token = await instance.Tokens.GetTokenAsync();

        var server = fixture.Direct.GetServer(fixture.Redis.Configuration);
        var key = Assert.Single(server.Keys(pattern: _prefix + "token:*"));
        var keyText = key.ToString();
        Assert.Contains(fixture.Emulator.IdentityBaseAddress.GetLeftPart(UriPartial.Authority), keyText, StringComparison.Ordinal);
        Assert.Contains(account.TenantId, keyText, StringComparison.Ordinal);
        Assert.Contains(account.AccountName, keyText, StringComparison.Ordinal);

        var raw = (byte[])(await fixture.Direct.GetDatabase().StringGetAsync(key))!;
        var asText = Encoding.UTF8.GetString(raw);
        var asLatin1 = Encoding.Latin1.GetString(raw);
        foreach (var part in token.Value.Split('.').Where(p => p.Length >= 8).Append(token.Value))
        {
            Assert.DoesNotContain(part, asText, StringComparison.Ordinal);
            Assert.DoesNotContain(part, asLatin1, StringComparison.Ordinal);
        }

        // The key's time to live follows the token's expiry; no secret in any log line either.
        var ttl = await fixture.Direct.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(61));
        Assert.DoesNotContain(token.Value, instance.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoAccountsOnOneRedisNeverGetEachOthersToken()
    {
        var first = fixture.Emulator.CreateServiceAccount();
        var second = fixture.Emulator.CreateServiceAccount();
        await using var a = Start(first);
        await using var b = Start(second);
        await using var b2 = Start(second);

        var tokenA = await a.Tokens.GetTokenAsync();
        var tokenB = await b.Tokens.GetTokenAsync();
        var tokenB2 = await b2.Tokens.GetTokenAsync();

        Assert.NotEqual(tokenA.Value, tokenB.Value);
        Assert.Equal(tokenB.Value, tokenB2.Value);

        // A value copied under the other account's key (a forced collision) does not decrypt there: it is ignored and
        // that account's instance requests its own token instead of using the other account's.
        var server = fixture.Direct.GetServer(fixture.Redis.Configuration);
        var keys = server.Keys(pattern: _prefix + "token:*").Select(k => k.ToString()).ToList();
        var keyA = keys.Single(k => k.Contains(first.AccountName, StringComparison.Ordinal));
        var keyB = keys.Single(k => k.Contains(second.AccountName, StringComparison.Ordinal));
        var database = fixture.Direct.GetDatabase();
        await database.StringSetAsync(keyB, await database.StringGetAsync(keyA), TimeSpan.FromMinutes(30));
        await using var b3 = Start(second);
        var tokenB3 = await b3.Tokens.GetTokenAsync();
        Assert.NotEqual(tokenA.Value, tokenB3.Value);
        Assert.Contains(b3.Logs.Entries, e => e.EventId == 7010);
    }

    [Fact]
    public async Task ATokenTheApiRejectsIsReplacedOnceForEveryInstance()
    {
        var account = fixture.Emulator.CreateServiceAccount();
        await using var a = Start(account);
        await using var b = Start(account);
        var created = await a.Processes.CreateProcessAsync(Requests.IdLive(1));
        await b.Processes.GetProcessAsync(created.Id!);
        var before = fixture.Emulator.TokenRequestCount;

        fixture.Emulator.RevokeAccessTokens();
        await a.Processes.GetProcessAsync(created.Id!);
        await b.Processes.GetProcessAsync(created.Id!);

        // A got 401, dropped the token here and in Redis, and shared the new one; B got 401 too and took A's.
        Assert.Equal(1, fixture.Emulator.TokenRequestCount - before);
        Assert.Equal((await a.Tokens.GetTokenAsync()).Value, (await b.Tokens.GetTokenAsync()).Value);
    }

    [Fact]
    public async Task AKilledLeaseHolderHoldsUpTheOthersOnlyUntilItsLeaseExpires()
    {
        var account = fixture.Emulator.CreateServiceAccount();
        var before = fixture.Emulator.TokenRequestCount;
        var lease = TimeSpan.FromSeconds(2);
        await using var survivor = Start(account, redis => redis.TokenLeaseDuration = lease);

        // A holder that took the lease and died: nobody renews it, so it expires after its duration.
        var key = new IdCloudTokenCacheKey(fixture.Emulator.Audience, account.TenantId, account.AccountName);
        var leaseKey = $"{_prefix}token-lease:{{{key}}}";
        Assert.True(await fixture.Direct.GetDatabase().StringSetAsync(leaseKey, "dead-holder", lease, When.NotExists));

        var token = await survivor.Tokens.GetTokenAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.NotNull(token);
        Assert.Equal(1, fixture.Emulator.TokenRequestCount - before);
        Assert.False(await fixture.Direct.GetDatabase().KeyExistsAsync(leaseKey)); // published and released
        Assert.DoesNotContain(survivor.Logs.Entries, e => e.EventId == 3009); // took over the lease, did not give up waiting
    }

    private Instance Start(EmulatedServiceAccount account, Action<IdCloudRedisOptions>? redis = null) =>
        Instance.Start(account, fixture.Redis.Configuration, _prefix, fixture.KeyRing, redis);

    private static async Task DisposeAllAsync(IEnumerable<Instance> instances)
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
    }

    public sealed class Fixture : RedisFixture;
}
