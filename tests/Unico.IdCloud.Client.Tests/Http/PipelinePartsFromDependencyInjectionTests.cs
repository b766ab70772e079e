using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Validation;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>The parts AddIdCloud() registers can be built by the container as they are.</summary>
public sealed class PipelinePartsFromDependencyInjectionTests
{
    [Fact]
    public async Task The_pipeline_parts_resolve_from_a_container_and_share_one_provider()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.Configure<IdCloudOptions>(o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.ServiceAccount = new IdCloudServiceAccountOptions { AccountName = "acct", TenantId = "tenant", PrivateKeyPath = "/keys/acct.key.pem" };
        });
        services.AddSingleton<IdCloudTelemetry>();
        services.AddSingleton<IdCloudResiliencePipelineProvider>();
        services.AddSingleton<IValidateOptions<IdCloudOptions>, IdCloudOptionsValidator>();
        services.AddSingleton<CreateProcessRequestValidator>();
        services.AddSingleton<IIdCloudTokenProvider>(new FixedTokenProvider());
        services.AddSingleton<IdCloudTokenHealthCheck>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var pipelines = provider.GetRequiredService<IdCloudResiliencePipelineProvider>();
        var stub = StubHttpHandler.Statuses(HttpStatusCode.OK);
        using var client = new HttpClient(new IdCloudTelemetryHandler(
            provider.GetRequiredService<IdCloudTelemetry>(),
            provider.GetRequiredService<ILogger<IdCloudTelemetryHandler>>(),
            TimeProvider.System)
        {
            InnerHandler = new IdCloudResilienceHandler(pipelines, "process") { InnerHandler = stub },
        });
        using var response = await client.GetAsync(new Uri("https://api.cadastro.uat.unico.app/client/v1/process/x"));
        var health = await provider.GetRequiredService<IdCloudTokenHealthCheck>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, pipelines.Options.MaxRetryAttempts);
        Assert.Same(pipelines.GetPipeline("process"), pipelines.GetPipeline("process"));
        Assert.NotSame(pipelines.GetPipeline("process"), pipelines.GetPipeline("signature"));
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.NotNull(provider.GetRequiredService<CreateProcessRequestValidator>());
    }

    private sealed class FixedTokenProvider : IIdCloudTokenProvider
    {
        public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new IdCloudAccessToken("t", "Bearer", DateTimeOffset.MaxValue));

        public void Invalidate(IdCloudAccessToken token)
        {
        }
    }
}
