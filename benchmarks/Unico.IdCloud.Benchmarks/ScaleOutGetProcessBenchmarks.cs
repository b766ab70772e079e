using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.RateLimiting;
using Unico.IdCloud.Redis;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// What the scale-out pieces cost per call inside the whole pipeline on a warm path (issue 11): GetProcess answered from
/// memory through the SDK as registered by an application, without a rate limiter (the baseline), with the in-process
/// limiter (<c>AddRateLimiter()</c>), and with <c>AddRedis(...)</c> (Redis shared token store and the tenant-wide Redis
/// limiter: one script round trip per request to a local redis-server that the set-up starts, see
/// <see cref="RedisServer"/>). Budgets are huge, so the admission decision is measured, never a wait.
/// </summary>
[MemoryDiagnoser]
public class ScaleOutGetProcessBenchmarks
{
    private static readonly Action<IdCloudRateLimitOptions> HugeBudget = b =>
    {
        b.RequestsPerSecond = 1_000_000;
        b.SpreadEvenly = false;
    };

    private readonly InMemoryIdCloudHandler handler = new();
    private RedisServer redisServer = null!;
    private ServiceProvider plain = null!;
    private ServiceProvider inProcess = null!;
    private ServiceProvider redis = null!;
    private IIdCloudProcessClient plainClient = null!;
    private IIdCloudProcessClient inProcessClient = null!;
    private IIdCloudProcessClient redisClient = null!;

    [GlobalSetup]
    public void Setup()
    {
        redisServer = RedisServer.Start();
        plain = SdkHost.InMemory(handler);
        inProcess = SdkHost.InMemory(handler, (_, idCloud) => idCloud.AddRateLimiter(HugeBudget));
        redis = SdkHost.InMemory(handler, (services, idCloud) =>
        {
            services.AddDataProtection().SetApplicationName("idcloud-benchmarks");
            idCloud.AddRedis(r => r.Configuration = redisServer.Configuration, HugeBudget);
        });
        plainClient = plain.GetRequiredService<IIdCloudProcessClient>();
        inProcessClient = inProcess.GetRequiredService<IIdCloudProcessClient>();
        redisClient = redis.GetRequiredService<IIdCloudProcessClient>();

        Check.That(plain.GetService<IIdCloudRateLimiter>() is null, "the baseline has no rate limiter");
        Check.That(inProcess.GetRequiredService<IIdCloudRateLimiter>() is IdCloudInProcessRateLimiter, "AddRateLimiter registers the in-process limiter");
        Check.That(redis.GetRequiredService<IIdCloudRateLimiter>().GetType().Name == "RedisRateLimiter", "AddRedis registers the Redis limiter");
        foreach (var client in new[] { plainClient, inProcessClient, redisClient })
        {
            var process = client.GetProcessAsync(VendorExamples.ProcessId).GetAwaiter().GetResult();
            Check.That(process.Id == VendorExamples.ProcessId && process.Result == ProcessResult.Ok, "every variant reads the example process");
        }

        Check.That(handler.TokenRequests == 3, $"one token request per container, none while measuring (saw {handler.TokenRequests})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        redis.Dispose();
        inProcess.Dispose();
        plain.Dispose();
        redisServer.Dispose();
    }

    [Benchmark(Baseline = true, Description = "GetProcess SDK, no rate limiter")]
    public Task<IdCloudProcess> NoLimiter() => plainClient.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "GetProcess SDK, in-process rate limiter")]
    public Task<IdCloudProcess> InProcessLimiter() => inProcessClient.GetProcessAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "GetProcess SDK, AddRedis (shared token store + Redis limiter)")]
    public Task<IdCloudProcess> RedisLimiter() => redisClient.GetProcessAsync(VendorExamples.ProcessId);
}
