using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client.DependencyInjection;

internal sealed class IdCloudBuilder(
    IServiceCollection services,
    IHttpClientBuilder processApiHttpClient,
    IHttpClientBuilder signatureApiHttpClient,
    IHttpClientBuilder identityHttpClient) : IIdCloudBuilder
{
    public IServiceCollection Services { get; } = services;

    public IHttpClientBuilder ProcessApiHttpClient { get; } = processApiHttpClient;

    public IHttpClientBuilder SignatureApiHttpClient { get; } = signatureApiHttpClient;

    public IHttpClientBuilder IdentityHttpClient { get; } = identityHttpClient;
}
