namespace Unico.IdCloud.Client;

/// <summary>
/// Names of the <see cref="System.Net.Http.IHttpClientFactory"/> clients <c>AddIdCloud()</c> registers, one per host,
/// so you can add your own handlers or a proxy: <c>services.AddHttpClient(IdCloudHttpClientNames.ProcessApi).AddHttpMessageHandler(...)</c>.
/// </summary>
internal static class IdCloudHttpClientNames
{
    /// <summary>The by Unico process API client (<c>/client/v1/process</c>).</summary>
    public const string ProcessApi = "Unico.IdCloud.ProcessApi";

    /// <summary>The signature API client (<c>/api/v1/service/...</c>).</summary>
    public const string SignatureApi = "Unico.IdCloud.SignatureApi";

    /// <summary>The identity (token) client (<c>/oauth2/token</c>). It has no authentication handler.</summary>
    public const string Identity = "Unico.IdCloud.Identity";

    /// <summary>
    /// The name each client's resilience pipeline is registered under with <c>AddResilienceHandler</c>; the full pipeline
    /// name is <c>{client name}-IdCloud</c> (e.g. <c>Unico.IdCloud.ProcessApi-IdCloud</c>). Its strategies read the named
    /// options <c>{pipeline}-total-timeout</c>, <c>{pipeline}-attempt-timeout</c> (<c>HttpTimeoutStrategyOptions</c>),
    /// <c>{pipeline}-retry</c> (<c>HttpRetryStrategyOptions</c>) and <c>{pipeline}-circuit-breaker</c>
    /// (<c>HttpCircuitBreakerStrategyOptions</c>), filled from <c>IdCloud:Resilience:*</c> first; your own
    /// <c>services.Configure&lt;HttpRetryStrategyOptions&gt;(name, ...)</c> runs later and wins.
    /// </summary>
    public const string ResiliencePipeline = "IdCloud";
}
