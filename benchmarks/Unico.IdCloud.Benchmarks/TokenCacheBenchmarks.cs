using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// The token-cache hit: what every API call pays to get its bearer token once the cache is warm. Target: 0 B allocated.
/// The baseline is the cache a developer writes by hand (a field and an expiry check).
/// </summary>
[MemoryDiagnoser]
public class TokenCacheBenchmarks
{
    private readonly InMemoryIdCloudHandler handler = new();
    private ServiceProvider sdk = null!;
    private IIdCloudTokenProvider provider = null!;
    private HandWrittenTokenCache handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        sdk = SdkHost.InMemory(handler);
        provider = sdk.GetRequiredService<IIdCloudTokenProvider>();
        handWritten = new HandWrittenTokenCache(InMemoryIdCloudHandler.AccessToken, TimeProvider.System.GetUtcNow().AddHours(1), TimeProvider.System);

        var token = provider.GetTokenAsync().AsTask().GetAwaiter().GetResult();
        Check.That(token.Value == InMemoryIdCloudHandler.AccessToken, "the SDK's cache holds the token the endpoint issued");
        Check.That(handler.TokenRequests == 1, "the cache is warm: no further token request");
    }

    [GlobalCleanup]
    public void Cleanup() => sdk.Dispose();

    [Benchmark(Baseline = true, Description = "Token cache hit hand-written")]
    public ValueTask<string> HandWritten() => handWritten.GetAsync();

    [Benchmark(Description = "Token cache hit SDK")]
    public ValueTask<IdCloudAccessToken> Sdk() => provider.GetTokenAsync();

    /// <summary>A field, an expiry with a 5-minute margin, and the clock: the least a hand-written cache does.</summary>
    private sealed class HandWrittenTokenCache(string token, DateTimeOffset expiresOn, TimeProvider time)
    {
        public ValueTask<string> GetAsync() =>
            time.GetUtcNow() < expiresOn - TimeSpan.FromMinutes(5)
                ? ValueTask.FromResult(token)
                : throw new InvalidOperationException("A benchmark run never reaches expiry.");
    }
}
