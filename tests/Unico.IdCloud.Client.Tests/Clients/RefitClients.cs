using Refit;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Clients;

/// <summary>
/// The generated Refit interfaces as the SDK configures them (its Refit settings, the operation-tagging handler in
/// front), over a test handler instead of the network.
/// </summary>
internal static class RefitClients
{
    public static HttpClient HttpClient(HttpMessageHandler inner, string baseAddress) =>
        new(new IdCloudOperationHandler { InnerHandler = inner }) { BaseAddress = new Uri(baseAddress) };

    public static IIdCloudProcessApi ProcessApi(HttpClient httpClient, TimeProvider? timeProvider = null) =>
        RestService.For<IIdCloudProcessApi>(httpClient, IdCloudRefitSettings.Create(timeProvider ?? TimeProvider.System));

    public static IIdCloudSignatureApi SignatureApi(HttpClient httpClient, TimeProvider? timeProvider = null) =>
        RestService.For<IIdCloudSignatureApi>(httpClient, IdCloudRefitSettings.Create(timeProvider ?? TimeProvider.System));
}
