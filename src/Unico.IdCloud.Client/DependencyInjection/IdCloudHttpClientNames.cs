namespace Unico.IdCloud.Client;

/// <summary>
/// Names of the <see cref="System.Net.Http.IHttpClientFactory"/> clients <c>AddIdCloud()</c> registers, one per host,
/// so you can add your own handlers or a proxy: <c>services.AddHttpClient(IdCloudHttpClientNames.ProcessApi).AddHttpMessageHandler(...)</c>.
/// </summary>
public static class IdCloudHttpClientNames
{
    /// <summary>The by Unico process API client (<c>/client/v1/process</c>).</summary>
    public const string ProcessApi = "Unico.IdCloud.ProcessApi";

    /// <summary>The signature API client (<c>/api/v1/service/...</c>).</summary>
    public const string SignatureApi = "Unico.IdCloud.SignatureApi";

    /// <summary>The identity (token) client (<c>/oauth2/token</c>). It has no authentication handler.</summary>
    public const string Identity = "Unico.IdCloud.Identity";
}
