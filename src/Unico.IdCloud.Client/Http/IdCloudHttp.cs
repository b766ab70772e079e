using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// The one seam between the typed clients and HTTP: sends a request tagged with its <see cref="IdCloudOperation"/>,
/// turns transport failures and non-success answers into the <see cref="IdCloudException"/> family, and reads JSON
/// bodies so that a malformed success body is a typed error too. Clients never see <see cref="HttpRequestException"/>
/// or <see cref="JsonException"/>.
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

    /// <summary>
    /// Reads a JSON success body. An empty, truncated or mistyped body becomes <see cref="IdCloudInvalidResponseException"/>.
    /// </summary>
    public static async Task<T> ReadJsonAsync<T>(
        HttpResponseMessage response,
        JsonTypeInfo<T> typeInfo,
        IdCloudOperation operation,
        CancellationToken cancellationToken)
        where T : class
    {
        T? value;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw IdCloudErrorMapper.FromUnreadableBody(response, operation, typeof(T).Name, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw IdCloudErrorMapper.FromTransportFailure(response.RequestMessage, operation, ex);
        }

        return value ?? throw IdCloudErrorMapper.FromUnreadableBody(response, operation, typeof(T).Name, innerException: null);
    }
}
