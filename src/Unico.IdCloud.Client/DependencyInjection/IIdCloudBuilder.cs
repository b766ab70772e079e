using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client;

/// <summary>
/// Returned by <c>AddIdCloud()</c> for further configuration of one account's services and HTTP clients. Each HTTP
/// client's <see cref="IHttpClientBuilder.Name"/> is the name to use with <c>services.AddHttpClient(name)</c>; its
/// resilience pipeline is <c>{Name}-IdCloud</c>, whose strategies read the named options
/// <c>{Name}-IdCloud-total-timeout</c>, <c>-attempt-timeout</c> (<c>HttpTimeoutStrategyOptions</c>), <c>-retry</c>
/// (<c>HttpRetryStrategyOptions</c>) and <c>-circuit-breaker</c> (<c>HttpCircuitBreakerStrategyOptions</c>): filled
/// from <c>IdCloud:Resilience:*</c> first, so your own <c>services.Configure&lt;T&gt;(name, ...)</c> runs later and wins.
/// </summary>
public interface IIdCloudBuilder
{
    /// <summary>The service collection the SDK was added to.</summary>
    IServiceCollection Services { get; }

    /// <summary>The account these services belong to: the name given to <c>AddIdCloud</c>; empty for the default account.</summary>
    string AccountName { get; }

    /// <summary>The HTTP client builder of the process API (add handlers, a proxy, logging).</summary>
    IHttpClientBuilder ProcessApiHttpClient { get; }

    /// <summary>The HTTP client builder of the signature API.</summary>
    IHttpClientBuilder SignatureApiHttpClient { get; }

    /// <summary>The HTTP client builder of the identity (token) service.</summary>
    IHttpClientBuilder IdentityHttpClient { get; }
}
