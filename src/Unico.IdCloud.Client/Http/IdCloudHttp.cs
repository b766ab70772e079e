namespace Unico.IdCloud.Client.Http;

/// <summary>
/// Sends a hand-built request tagged with its <see cref="IdCloudOperation"/> and turns transport failures and
/// non-success answers into the <see cref="IdCloudException"/> family. The API clients no longer use it (they are
/// generated Refit interfaces whose exception factories call the same mapper, see <see cref="IdCloudRefitSettings"/>);
/// it remains for the pipeline tests that drive the handler chain with raw requests.
/// </summary>
internal static class IdCloudHttp
{
    /// <summary>
    /// Sends <paramref name="request"/> and returns the successful response (the caller disposes it).
    /// Any failure is thrown as an <see cref="IdCloudException"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient httpClient,
        HttpRequestMessage request,
        IdCloudOperation operation,
        IdCloudApi api,
        HttpCompletionOption completionOption,
        CancellationToken cancellationToken)
    {
        request.Options.Set(IdCloudOperation.OptionsKey, operation);
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, completionOption, cancellationToken).ConfigureAwait(false);
        }
        catch (IdCloudException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            throw IdCloudErrorMapper.FromTransportFailure(request, operation, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await IdCloudErrorMapper.FromResponseAsync(response, operation, api, cancellationToken).ConfigureAwait(false);
        }
    }
}
