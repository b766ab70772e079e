using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>The SDK wired as a user wires it (AddIdCloud, IHttpClientFactory, real sockets), pointed at a raw server.</summary>
internal static class HostileServerApp
{
    /// <summary>The by Client API key: what must never reach another host.</summary>
    public const string ApiKey = "hostile-api-key";

    /// <summary>The bearer token every call carries: what must never reach another host.</summary>
    public const string Token = "static-test-token";

    public static ServiceProvider Start(Uri baseAddress, Action<IdCloudResilienceOptions> resilience)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(o =>
        {
            o.ProcessApiBaseAddress = baseAddress;
            o.SignatureApiBaseAddress = baseAddress;
            o.ByClient.BaseAddress = baseAddress;
            o.ByClient.ApiKeys["hostile"] = ApiKey;
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerEnabled = false;
            resilience(o.Resilience);
        }).UseTokenProvider(_ => new StaticTokenProvider());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private sealed class StaticTokenProvider : IIdCloudTokenProvider
    {
        public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new IdCloudAccessToken(Token, "Bearer", DateTimeOffset.MaxValue));

        public void Invalidate(IdCloudAccessToken token)
        {
        }
    }
}
