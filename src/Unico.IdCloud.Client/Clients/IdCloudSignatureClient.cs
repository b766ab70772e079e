using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// The convenience layer over the generated <see cref="IIdCloudSignatureApi"/>: checks the id and wraps the unread
/// body in an <see cref="IdCloudFileStream"/> (metadata, mapped read failures, atomic save). The body is never
/// buffered: Refit returns it as soon as the headers arrived, and a success that is a JSON or HTML page instead of a
/// file was already turned into an <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.InvalidResponse"/> by the SDK's exception factory.
/// </summary>
/// <param name="api">The generated Refit interface.</param>
internal sealed class IdCloudSignatureClient(IIdCloudSignatureApi api) : IIdCloudSignatureClient
{
    private readonly IIdCloudSignatureApi _api = api ?? throw new ArgumentNullException(nameof(api));

    public async Task<IdCloudFileStream> GetSignedDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var content = await _api.GetSignedDocumentAsync(IdCloudResourceId.Validate(documentId, nameof(documentId)), cancellationToken).ConfigureAwait(false);
        return await OpenAsync(content, IdCloudOperation.GetSignedDocument, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IdCloudFileStream> GetSignatureEvidenceAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var content = await _api.GetSignatureEvidenceAsync(IdCloudResourceId.Validate(documentId, nameof(documentId)), cancellationToken).ConfigureAwait(false);
        return await OpenAsync(content, IdCloudOperation.GetSignatureEvidence, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IdCloudFileStream> OpenAsync(HttpContent content, IdCloudOperation operation, CancellationToken cancellationToken)
    {
        // Refit hands over the body only; the SDK's pipeline wraps it in IdCloudBoundedContent, which knows the request.
        var request = (content as IdCloudBoundedContent)?.RequestMessage;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new IdCloudFileStream(content, stream, operation, request);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            content.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            content.Dispose();
            throw IdCloudErrorMapper.FromTransportFailure(request, operation, ex);
        }
    }
}
