using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Validation;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>
/// The pipeline AddIdCloud() registers, resolved from a container: Microsoft.Extensions.Http.Resilience's named pipeline
/// fed by the <c>IdCloud:Resilience:*</c> keys, and reconfigurable through the standard named strategy options.
/// </summary>
public sealed class PipelinePartsFromDependencyInjectionTests
{
    private const string RetryOptionsName = IdCloudHttpClientNames.ProcessApi + "-" + IdCloudHttpClientNames.ResiliencePipeline + "-retry";

    [Fact]
    public async Task The_pipeline_parts_resolve_from_a_container_and_IdCloud_keys_reach_the_resilience_pipeline()
    {
        var stub = StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        await using var provider = Build(stub, configureRetry: null);

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(IdCloudHttpClientNames.ProcessApi);
        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => client.GetAsync(new Uri("client/v1/process/x", UriKind.Relative)).WaitAsync(PipelineHarness.HangGuard));
        var health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        // IdCloud:Resilience:MaxRetryAttempts = 0: the 503 is final, and it leaves through the one error mapper.
        Assert.Equal(1, stub.Calls);
        Assert.Equal(IdCloudErrorKind.ServiceUnavailable, error.Kind);
        Assert.Equal(0, provider.GetRequiredService<IOptionsMonitor<HttpRetryStrategyOptions>>().Get(RetryOptionsName).MaxRetryAttempts);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.NotNull(provider.GetRequiredService<CreateProcessRequestValidator>());
        Assert.Same(provider.GetRequiredService<IdCloudResiliencePipeline>(), provider.GetRequiredService<IdCloudResiliencePipeline>());
    }

    [Fact]
    public async Task NamedRetryOptions_ConfiguredByTheUser_OverrideTheIdCloudKeys()
    {
        var stub = StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        await using var provider = Build(stub, configureRetry: o =>
        {
            o.MaxRetryAttempts = 1;
            o.Delay = TimeSpan.FromMilliseconds(1);
        });

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(IdCloudHttpClientNames.ProcessApi);
        using var response = await client.GetAsync(new Uri("client/v1/process/x", UriKind.Relative)).WaitAsync(PipelineHarness.HangGuard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls);
    }

    private static ServiceProvider Build(StubHttpHandler stub, Action<HttpRetryStrategyOptions>? configureRetry)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddIdCloud(o =>
        {
            o.ProcessApiBaseAddress = new Uri("https://api.cadastro.uat.unico.app");
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        }).UseTokenProvider(_ => new FixedTokenProvider()).AddHealthCheck();
        builder.ProcessApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => stub);
        if (configureRetry is not null)
        {
            services.Configure(RetryOptionsName, configureRetry);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
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
