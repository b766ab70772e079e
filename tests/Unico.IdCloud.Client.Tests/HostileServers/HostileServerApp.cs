using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>The SDK wired as a user wires it (AddIdCloud, IHttpClientFactory, real sockets), pointed at a raw server.</summary>
internal static class HostileServerApp
{
    public static ServiceProvider Start(Uri baseAddress, Action<IdCloudResilienceOptions> resilience)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(o =>
        {
            o.ProcessApiBaseAddress = baseAddress;
            o.SignatureApiBaseAddress = baseAddress;
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerEnabled = false;
            resilience(o.Resilience);
        }).UseTokenProvider(_ => new StaticTokenProvider());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private sealed class StaticTokenProvider : IIdCloudTokenProvider
    {
        public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new IdCloudAccessToken("static-test-token", "Bearer", DateTimeOffset.MaxValue));

        public void Invalidate(IdCloudAccessToken token)
        {
        }
    }
}
