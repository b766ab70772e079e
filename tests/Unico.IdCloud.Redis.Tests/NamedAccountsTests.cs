using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Authentication;
using Unico.IdCloud.Redis.Tests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>
/// Two named accounts in one application (<c>AddIdCloud("first", ...)</c>, <c>AddIdCloud("second", ...)</c>) against
/// the emulator, which scopes processes and traffic to the tenant of the token a request carries: a call that carried
/// the other account's token would read another tenant (404) and count in that tenant's traffic. The accounts share
/// the service account name, so only the tenant tells their tokens apart.
/// </summary>
public sealed class NamedAccountsTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private const int CallsPerAccount = 100;

    private readonly string _prefix = "n" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Fact]
    public async Task TwoAccountsWithoutRedisEachMintAndUseTheirOwnToken()
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        var (first, second) = CollidingAccounts(emulator);
        await using var app = Build(first, second, redis: false);

        await AssertEachAccountUsesOnlyItsOwnTokenAsync(emulator, app, first, second);
    }

    [Fact]
    public async Task TwoAccountsSharingOneRedisAndKeyPrefixMintAtTheSameInstantAndNeverCross()
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        var (first, second) = CollidingAccounts(emulator);
        await using var app = Build(first, second, redis: true);

        await AssertEachAccountUsesOnlyItsOwnTokenAsync(emulator, app, first, second);

        // Redis holds one protected token per account, under keys naming each tenant.
        var keys = fixture.Direct.GetServer(fixture.Redis.Configuration).Keys(pattern: _prefix + "token:*").Select(k => k.ToString()).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Single(keys, k => k.Contains(first.TenantId, StringComparison.Ordinal));
        Assert.Single(keys, k => k.Contains(second.TenantId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherAccountsTokenCopiedUnderAnAccountsKeyIsNotServed()
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        var (first, second) = CollidingAccounts(emulator);
        await using var app = Build(first, second, redis: true);
        var firstTokens = app.GetRequiredKeyedService<IIdCloudTokenProvider>("first");
        var secondTokens = app.GetRequiredKeyedService<IIdCloudTokenProvider>("second");
        var firstToken = await firstTokens.GetTokenAsync();

        // The forced collision: the first account's protected token written under the second account's key.
        var database = fixture.Direct.GetDatabase();
        var firstKey = TokenKey(firstTokens);
        var secondKey = TokenKey(secondTokens);
        Assert.NotEqual(firstKey, secondKey);
        await database.StringSetAsync(secondKey, await database.StringGetAsync(firstKey), TimeSpan.FromMinutes(5));

        var secondToken = await secondTokens.GetTokenAsync();

        Assert.NotEqual(firstToken.Value, secondToken.Value);
        Assert.Equal(2, emulator.TokenRequestCount);
        emulator.ResetRequestLog();
        var process = await app.GetRequiredKeyedService<IIdCloudProcessClient>("second").CreateProcessAsync(Requests.IdLive(7));
        Assert.Equal(1, emulator.GetTenantTraffic(second.TenantId).Requests);
        Assert.Equal(0, emulator.GetTenantTraffic(first.TenantId).Requests);
        Assert.NotNull(process.Id);
    }

    /// <summary>A process of <paramref name="account"/>'s tenant, created by another account of that tenant.</summary>
    private static async Task<string> CreateProcessAsync(IdCloudEmulator emulator, EmulatedServiceAccount account, int seed)
    {
        var services = new ServiceCollection();
        services.AddIdCloud(emulator.CreateServiceAccount(tenantId: account.TenantId).ApplyTo);
        await using var setup = services.BuildServiceProvider();
        return (await setup.GetRequiredService<IIdCloudProcessClient>().CreateProcessAsync(Requests.IdLive(seed))).Id!;
    }

    /// <summary>Same account name, two tenants: a cache keyed by the account name alone would serve one to the other.</summary>
    private static (EmulatedServiceAccount First, EmulatedServiceAccount Second) CollidingAccounts(IdCloudEmulator emulator)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        return (emulator.CreateServiceAccount("svc", "tenant-a-" + suffix), emulator.CreateServiceAccount("svc", "tenant-b-" + suffix));
    }

    private RedisKey TokenKey(IIdCloudTokenProvider provider) =>
        $"{_prefix}token:{{{((IdCloudServiceAccountTokenProvider)provider).CacheKey}}}";

    private ServiceProvider Build(EmulatedServiceAccount first, EmulatedServiceAccount second, bool redis)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(new ListLogger()));
        services.AddDataProtection().SetApplicationName("idcloud-redis-tests").PersistKeysToFileSystem(new DirectoryInfo(fixture.KeyRing));
        foreach (var (name, account) in new[] { ("first", first), ("second", second) })
        {
            var builder = services.AddIdCloud(name, account.ApplyTo);
            if (redis)
            {
                builder.AddRedis(
                    o =>
                    {
                        o.Configuration = fixture.Redis.Configuration;
                        o.KeyPrefix = _prefix;
                    },
                    budget => budget.RequestsPerSecond = 100_000);
            }
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task AssertEachAccountUsesOnlyItsOwnTokenAsync(IdCloudEmulator emulator, ServiceProvider app, EmulatedServiceAccount first, EmulatedServiceAccount second)
    {
        var factory = app.GetRequiredService<IIdCloudClientFactory>();
        var firstProcess = await CreateProcessAsync(emulator, first, 1);
        var secondProcess = await CreateProcessAsync(emulator, second, 2);

        // Both accounts' callers start at the same instant, on cold caches: both tokens are minted at once.
        emulator.ResetRequestLog();
        using var go = new ManualResetEventSlim();
        var calls = new[] { ("first", firstProcess), ("second", secondProcess) }
            .SelectMany(a => Enumerable.Range(0, CallsPerAccount).Select(_ => Task.Run(async () =>
            {
                go.Wait();
                try
                {
                    await factory.GetProcessClient(a.Item1).GetProcessAsync(a.Item2);
                    return (a.Item1, (string?)null);
                }
                catch (IdCloudException ex)
                {
                    return (a.Item1, (string?)(ex.GetType().Name + " " + (int?)ex.StatusCode));
                }
            })))
            .ToList();
        go.Set();
        var results = await Task.WhenAll(calls);

        Assert.Empty(results.Where(r => r.Item2 is not null).Select(r => r.Item1 + ": " + r.Item2));

        // Each tenant saw exactly its own account's calls (a crossed token would have moved calls between tenants and
        // failed with 404), and two token requests in all: one per account.
        Assert.Equal(CallsPerAccount, emulator.GetTenantTraffic(first.TenantId).Requests);
        Assert.Equal(CallsPerAccount, emulator.GetTenantTraffic(second.TenantId).Requests);
        Assert.Equal(2, emulator.TokenRequestCount);
        var firstToken = await app.GetRequiredKeyedService<IIdCloudTokenProvider>("first").GetTokenAsync();
        var secondToken = await app.GetRequiredKeyedService<IIdCloudTokenProvider>("second").GetTokenAsync();
        Assert.NotEqual(firstToken.Value, secondToken.Value);
    }
}
