using System.Net.Http.Headers;
using System.Net.Http.Json;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The by Client API over the pipeline's named <see cref="HttpClient"/> (base address: the by Client host). Builds
/// requests (with the <c>APIKEY</c> header) and reads answers; authentication, retries, telemetry and error mapping
/// are the pipeline's, through <see cref="IdCloudHttp"/>.
/// </summary>
internal sealed class IdCloudByClient : IIdCloudByClient
{
    private const string ApiKeyHeader = "APIKEY";
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly string _apiKey;

    public IdCloudByClient(HttpClient httpClient, string apiKeyName, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _httpClient = httpClient;
        _apiKey = apiKey;
        ApiKeyName = apiKeyName;
    }

    public string ApiKeyName { get; }

    public async Task<ByClientProcess> CreateProcessAsync(ByClientProcessRequest request, CancellationToken cancellationToken = default)
    {
        ByClientRequestValidator.Validate(request);
        var clientReference = request.Subject?.ClientReference;
        using var message = new HttpRequestMessage(HttpMethod.Post, "processes/v1")
        {
            // JsonContent serialises again if the request is resent after a token refresh.
            Content = JsonContent.Create(request, ByClientJsonContext.Default.ByClientProcessRequest),
        };
        try
        {
            return await SendForProcessAsync(message, ByClientOperations.CreateProcess, clientReference, cancellationToken).ConfigureAwait(false);
        }
        catch (IdCloudException ex) when (ex.RequestMayHaveBeenProcessed)
        {
            throw OutcomeUnknown(ex, clientReference);
        }
    }

    public Task<ByClientProcess> GetProcessAsync(string processId, CancellationToken cancellationToken = default) =>
        GetAsync("processes/v1/", processId, ByClientOperations.GetProcess, cancellationToken);

    public Task<ByClientProcess> GetProcessDetailsAsync(string processId, CancellationToken cancellationToken = default) =>
        GetAsync("processes/v2/", processId, ByClientOperations.GetProcessDetails, cancellationToken);

    public async Task<IReadOnlyList<ByClientReusableDocument>> GetReusableDocumentsAsync(string cpf, ByClientDocumentType type, CancellationToken cancellationToken = default)
    {
        var errors = new List<IdCloudValidationError>();
        ByClientRequestValidator.ValidateCpf(cpf, nameof(cpf), errors);
        var wireType = type switch
        {
            ByClientDocumentType.Rg => "BR_RG",
            ByClientDocumentType.Cnh => "BR_CNH",
            ByClientDocumentType.Cin => "BR_CIN",
            ByClientDocumentType.Passport => "BR_PASSPORT",
            _ => null,
        };
        if (wireType is null)
        {
            errors.Add(new(nameof(type), "is not a known document type."));
        }

        if (errors.Count > 0)
        {
            throw new IdCloudValidationException(errors);
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, "documents/v1?code=" + cpf + "&type=" + wireType);
        using var response = await SendAsync(message, ByClientOperations.GetReusableDocuments, cancellationToken).ConfigureAwait(false);
        var body = await ReadJsonAsync(response, ByClientJsonContext.Default.ByClientDocumentsWire, ByClientOperations.GetReusableDocuments, cancellationToken).ConfigureAwait(false);
        if (body.Items is not { } items)
        {
            throw IdCloudErrorMapper.FromUnreadableBody(response, ByClientOperations.GetReusableDocuments, "a document list (\"items\" is missing)", innerException: null);
        }

        return [.. items.Where(i => i is { DocumentType: not null, DocumentId: not null }).Select(i => new ByClientReusableDocument(i.DocumentType!, i.DocumentId!))];
    }

    /// <inheritdoc />
    public override string ToString() => $"IdCloudByClient {{ ApiKey = {ApiKeyName} (value redacted), BaseAddress = {_httpClient.BaseAddress} }}";

    private async Task<ByClientProcess> GetAsync(string prefix, string processId, IdCloudOperation operation, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(processId, out var id))
        {
            throw new IdCloudValidationException([new IdCloudValidationError(nameof(processId), "must be a process id (a UUID).")]);
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, prefix + id.ToString("D"));
        return await SendForProcessAsync(message, operation, clientReference: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ByClientProcess> SendForProcessAsync(HttpRequestMessage message, IdCloudOperation operation, string? clientReference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        var wire = await ReadJsonAsync(response, ByClientJsonContext.Default.ByClientProcessWire, operation, cancellationToken).ConfigureAwait(false);
        return ByClientProcess.FromWire(wire, clientReference)
            ?? throw IdCloudErrorMapper.FromUnreadableBody(response, operation, "a process (\"id\" or \"status\" is missing)", innerException: null);
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, IdCloudOperation operation, CancellationToken cancellationToken)
    {
        message.Headers.Accept.Add(AcceptJson);
        message.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
        return IdCloudHttp.SendAsync(_httpClient, message, operation, IdCloudApi.ByClient, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// Reads a JSON success body (bounded by the pipeline's error handler). An empty, truncated or mistyped body is an
    /// <see cref="IdCloudInvalidResponseException"/>, never a <see cref="System.Text.Json.JsonException"/>.
    /// </summary>
    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, IdCloudOperation operation, CancellationToken cancellationToken)
        where T : class
    {
        T? value;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                value = await System.Text.Json.JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IdCloudException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw IdCloudErrorMapper.FromUnreadableBody(response, operation, typeof(T).Name, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw IdCloudErrorMapper.FromTransportFailure(response.RequestMessage, operation, ex);
        }

        return value ?? throw IdCloudErrorMapper.FromUnreadableBody(response, operation, typeof(T).Name, innerException: null);
    }

    private static IdCloudByClientException OutcomeUnknown(IdCloudException ex, string? clientReference)
    {
        var reason = ex is IdCloudByClientException typed ? typed.Reason : ByClientErrorReason.OutcomeUnknown;
        var reference = clientReference is null
            ? " Set subject.clientReference on every request so a process created this way can be reconciled."
            : " Reconcile it by the clientReference on this exception before capturing and sending again.";
        return new IdCloudByClientException(ex.Message + reference, ex)
        {
            Kind = ex.Kind,
            Reason = reason,
            StatusCode = ex.StatusCode,
            ErrorCode = ex.ErrorCode,
            Description = ex.Description,
            RequestId = ex.RequestId,
            RequestMethod = ex.RequestMethod,
            RequestUri = ex.RequestUri,
            RetryAfter = ex.RetryAfter,
            RetryCount = ex.RetryCount,
            RequestMayHaveBeenProcessed = true,
            ClientReference = clientReference,
        };
    }
}
