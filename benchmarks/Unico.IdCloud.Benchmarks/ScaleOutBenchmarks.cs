using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.RateLimiting;
using Unico.IdCloud.Redis;
using Unico.IdCloud.Redis.RateLimiting;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// What scale-out costs per call on a warm path (docs/scale-out.md): the token-cache hit with a Redis shared store
/// configured (the in-process cache answers; Redis is not touched), the in-process rate limiter's admission and release,
/// and the Redis rate limiter's admission (one script round trip to a local redis-server, which the set-up starts on a
/// free loopback port: <see cref="RedisServer"/>) followed by its release (a second, fire-and-forget script). Budgets
/// are huge so the decision, not a wait, is measured.
/// </summary>
[MemoryDiagnoser]
public class ScaleOutBenchmarks
{
    private readonly InMemoryIdCloudHandler handler = new();
    private RedisServer redisServer = null!;
    private ServiceProvider sdk = null!;
    private IIdCloudTokenProvider provider = null!;
    private IdCloudInProcessRateLimiter inProcess = null!;
    private RedisRateLimiter redis = null!;
    private long redisTicket;

    [GlobalSetup]
    public void Setup()
    {
        redisServer = RedisServer.Start();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("idcloud-benchmarks");
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportPkcs8PrivateKeyPem();
        var budget = new Action<IdCloudRateLimitOptions>(b =>
        {
            b.RequestsPerSecond = 1_000_000;
            b.SpreadEvenly = false;
        });
        var idCloud = services.AddIdCloud(options =>
            {
                options.ProcessApiBaseAddress = SdkHost.InMemoryProcessApi;
                options.SignatureApiBaseAddress = SdkHost.InMemorySignatureApi;
                options.IdentityBaseAddress = SdkHost.InMemoryIdentity;
                options.ServiceAccount.AccountName = "benchmark";
                options.ServiceAccount.TenantId = "benchmark-tenant";
                options.ServiceAccount.PrivateKeyPem = key;
            })
            .AddRedis(r => r.Configuration = redisServer.Configuration, budget);
        idCloud.IdentityHttpClient.ConfigurePrimaryHttpMessageHandler(() => handler);
        sdk = services.BuildServiceProvider();
        provider = sdk.GetRequiredService<IIdCloudTokenProvider>();
        redis = (RedisRateLimiter)sdk.GetRequiredService<IIdCloudRateLimiter>();
        var options = new IdCloudRateLimitOptions();
        budget(options);
        inProcess = new IdCloudInProcessRateLimiter(options, TimeProvider.System);

        var token = provider.GetTokenAsync().AsTask().GetAwaiter().GetResult();
        Check.That(token.Value == InMemoryIdCloudHandler.AccessToken, "the shared cache holds the token the endpoint issued");
        Check.That(handler.TokenRequests == 1, "the cache is warm: no further token request");
        Check.That(redis.TryAcquireAsync(IdCloudRequestPriority.Normal, ++redisTicket).AsTask().GetAwaiter().GetResult() == TimeSpan.Zero, "Redis admits (it is reachable)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sdk.Dispose();
        redisServer.Dispose();
    }

    [Benchmark(Description = "Token cache hit, Redis shared store configured")]
    public ValueTask<IdCloudAccessToken> SharedTokenCacheHit() => provider.GetTokenAsync();

    [Benchmark(Description = "Rate limiter admission and release, in process")]
    public TimeSpan InProcessAdmission()
    {
        var (ticket, wait) = inProcess.TryAcquire(IdCloudRequestPriority.Normal);
        inProcess.Release(ticket);
        return wait;
    }

    [Benchmark(Description = "Rate limiter admission and release, Redis (loopback)")]
    public async Task<TimeSpan?> RedisAdmission()
    {
        var ticket = ++redisTicket;
        var wait = await redis.TryAcquireAsync(IdCloudRequestPriority.Normal, ticket);
        redis.Release(ticket);
        return wait;
    }
}
