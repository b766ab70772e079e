using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client;

/// <summary>Returned by <c>AddIdCloud()</c> for further configuration of the SDK's services and HTTP clients.</summary>
public interface IIdCloudBuilder
{
    /// <summary>The service collection the SDK was added to.</summary>
    IServiceCollection Services { get; }

    /// <summary>The HTTP client builder of the process API (add handlers, a proxy, logging).</summary>
    IHttpClientBuilder ProcessApiHttpClient { get; }

    /// <summary>The HTTP client builder of the signature API.</summary>
    IHttpClientBuilder SignatureApiHttpClient { get; }

    /// <summary>The HTTP client builder of the identity (token) service.</summary>
    IHttpClientBuilder IdentityHttpClient { get; }
}
