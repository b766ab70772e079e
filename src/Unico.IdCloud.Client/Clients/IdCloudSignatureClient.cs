using System.Net.Http.Headers;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client;

/// <summary>
/// The signature API downloads over an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the sign
/// host. The body is handed to the caller unread (<see cref="HttpCompletionOption.ResponseHeadersRead"/>).
/// </summary>
internal sealed class IdCloudSignatureClient(HttpClient httpClient) : IIdCloudSignatureClient
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptPdf = new(IdCloudMediaType.Pdf);

    private readonly HttpClient _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));

    public Task<IdCloudFileStream> GetSignedDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/service/file/{IdCloudResourceId.ToPathSegment(documentId, nameof(documentId))}";
        return DownloadAsync(path, IdCloudOperation.GetSignedDocument, cancellationToken);
    }

    public Task<IdCloudFileStream> GetSignatureEvidenceAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/service/evidence/{IdCloudResourceId.ToPathSegment(documentId, nameof(documentId))}";
        return DownloadAsync(path, IdCloudOperation.GetSignatureEvidence, cancellationToken);
    }

    private async Task<IdCloudFileStream> DownloadAsync(string path, IdCloudOperation operation, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        message.Headers.Accept.Add(AcceptPdf);
        var response = await IdCloudHttp.SendAsync(
            _httpClient, message, operation, IdCloudApi.Signature, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            // A success that is a JSON envelope or an HTML page is not the PDF the caller would otherwise save.
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (IsNotAFile(mediaType))
            {
                throw IdCloudErrorMapper.FromUnreadableBody(response, operation, $"a file (the service sent {mediaType})", innerException: null);
            }

            Stream content;
            try
            {
                content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                throw IdCloudErrorMapper.FromTransportFailure(message, operation, ex);
            }

            return new IdCloudFileStream(response, content, operation);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsNotAFile(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals(IdCloudMediaType.Json, StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
