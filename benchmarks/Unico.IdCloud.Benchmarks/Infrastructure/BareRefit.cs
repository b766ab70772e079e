using System.Net.Http.Headers;
using Refit;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>
/// The generated Refit interfaces with none of the SDK's layers: one <see cref="HttpClient"/> with a hard-coded bearer
/// header over the given handler, Refit's source-generated implementation (<see cref="RestService"/>) and the SDK's
/// System.Text.Json serializer (source-generated context), Refit's default error handling. What the SDK adds on top
/// (operation tag, telemetry, error mapping, resilience, authentication, validation, unwrapping) is the difference.
/// </summary>
internal sealed class BareRefit : IDisposable
{
    private readonly HttpClient processClient;

    public BareRefit(HttpMessageHandler handler, Uri processApiBaseAddress, string accessToken)
    {
        processClient = new HttpClient(handler, disposeHandler: false) { BaseAddress = processApiBaseAddress };
        processClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        ProcessApi = RestService.For<IIdCloudProcessApi>(processClient, new RefitSettings(new IdCloudHttpContentSerializer()));
    }

    /// <summary>The process API, bare.</summary>
    public IIdCloudProcessApi ProcessApi { get; }

    /// <summary>
    /// GetProcess for the set-up checks only (never measured): the process, whether the generated interface returns it
    /// directly or inside its wire envelope (<c>{"process": ...}</c>), so the checks survive that contract choice.
    /// </summary>
    public async Task<IdCloudProcess> GetProcessForCheckAsync(string processId)
    {
        object answer = await ProcessApi.GetProcessAsync(processId).ConfigureAwait(false);
        return answer as IdCloudProcess
            ?? answer.GetType().GetProperty("Process")?.GetValue(answer) as IdCloudProcess
            ?? throw new InvalidOperationException("GetProcess answered without a process.");
    }

    public void Dispose() => processClient.Dispose();
}
