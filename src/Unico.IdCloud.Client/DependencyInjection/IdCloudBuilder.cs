using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client.DependencyInjection;

internal sealed class IdCloudBuilder(
    IServiceCollection services,
    IdCloudAccount account,
    IHttpClientBuilder processApiHttpClient,
    IHttpClientBuilder signatureApiHttpClient,
    IHttpClientBuilder identityHttpClient) : IIdCloudBuilder
{
    public IServiceCollection Services { get; } = services;

    public string AccountName => Account.Name;

    public IdCloudAccount Account { get; } = account;

    public IHttpClientBuilder ProcessApiHttpClient { get; } = processApiHttpClient;

    public IHttpClientBuilder SignatureApiHttpClient { get; } = signatureApiHttpClient;

    public IHttpClientBuilder IdentityHttpClient { get; } = identityHttpClient;
}
