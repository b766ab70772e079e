using Unico.IdCloud.Client.ByClient.Wire;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The by Client API over the Refit interface generated from <c>openapi/idcloud-byclient.yaml</c>
/// (<see cref="IIdCloudByClientApi"/>): validation before sending, the API key of this client, mapping to the public
/// models, and the clientReference on a CreateProcess whose outcome is unknown. Authentication, retries, telemetry
/// and error mapping are the pipeline's.
/// </summary>
internal sealed class IdCloudByClient : IIdCloudByClient
{
    private readonly IIdCloudByClientApi _api;
    private readonly string _apiKey;

    public IdCloudByClient(IIdCloudByClientApi api, string apiKeyName, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _api = api;
        _apiKey = apiKey;
        ApiKeyName = apiKeyName;
    }

    public string ApiKeyName { get; }

    public async Task<ByClientProcess> CreateProcessAsync(ByClientProcessRequest request, CancellationToken cancellationToken = default)
    {
        ByClientRequestValidator.Validate(request);
        var clientReference = request.Subject?.ClientReference;
        var witness = IdCloudSendWitness.Begin();
        try
        {
            var wire = await _api.CreateByClientProcessAsync(_apiKey, request, cancellationToken).ConfigureAwait(false);
            return Map(wire, clientReference, ByClientOperations.CreateProcess);
        }
        catch (OperationCanceledException cancelled) when (IdCloudErrorMapper.CancellationForCaller(
            cancelled, ByClientOperations.CreateProcess, witness, clientReference, cancellationToken) is { } signal)
        {
            // The capture may have been processed (and billed): the caller reconciles by its clientReference.
            throw signal;
        }
        catch (IdCloudException ex) when (ex.RequestMayHaveBeenProcessed)
        {
            throw OutcomeUnknown(ex, clientReference);
        }
    }

    public async Task<ByClientProcess> GetProcessAsync(string processId, CancellationToken cancellationToken = default)
    {
        var id = ProcessIdOf(processId);
        return Map(await _api.GetByClientProcessAsync(_apiKey, id, cancellationToken).ConfigureAwait(false), null, ByClientOperations.GetProcess);
    }

    public async Task<ByClientProcess> GetProcessDetailsAsync(string processId, CancellationToken cancellationToken = default)
    {
        var id = ProcessIdOf(processId);
        return Map(await _api.GetByClientProcessDetailsAsync(_apiKey, id, cancellationToken).ConfigureAwait(false), null, ByClientOperations.GetProcessDetails);
    }

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

        var list = await _api.GetReusableDocumentsAsync(_apiKey, cpf, wireType!, cancellationToken).ConfigureAwait(false);
        if (list.Items is not { } items)
        {
            throw IdCloudErrorMapper.FromUnusableModel(ByClientOperations.GetReusableDocuments, "a document list (\"items\" is missing)");
        }

        return [.. items.Where(i => i is { DocumentType: not null, DocumentId: not null }).Select(i => new ByClientReusableDocument(i.DocumentType!, i.DocumentId!))];
    }

    public async Task<ByClientDataVerification> VerifyDataAsync(string cpf, CancellationToken cancellationToken = default)
    {
        var errors = new List<IdCloudValidationError>();
        ByClientRequestValidator.ValidateCpf(cpf, nameof(cpf), errors);
        if (errors.Count > 0)
        {
            throw new IdCloudValidationException(errors);
        }

        var witness = IdCloudSendWitness.Begin();
        try
        {
            var wire = await _api.VerifyDataAsync(_apiKey, cpf, cancellationToken).ConfigureAwait(false);
            return ByClientDataVerification.FromWire(wire)
                ?? throw IdCloudErrorMapper.FromUnusableModel(ByClientOperations.VerifyData, "a data verification (\"id\" is empty)");
        }
        catch (OperationCanceledException cancelled) when (IdCloudErrorMapper.CancellationForCaller(
            cancelled, ByClientOperations.VerifyData, witness, clientReference: null, cancellationToken) is { } signal)
        {
            // A cancellation while Refit reads the answer never reaches the pipeline (see IdCloudSendWitness); the call
            // may have been billed, so the caller gets the signal, as for the other calls that are not idempotent.
            throw signal;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"IdCloudByClient {{ ApiKey = {ApiKeyName} (value redacted) }}";

    private static string ProcessIdOf(string processId) =>
        Guid.TryParse(processId, out var id)
            ? id.ToString("D")
            : throw new IdCloudValidationException([new IdCloudValidationError(nameof(processId), "must be a process id (a UUID).")]);

    private static ByClientProcess Map(Wire.ByClientProcess wire, string? clientReference, IdCloudOperation operation) =>
        ByClientProcess.FromWire(wire, clientReference)
        ?? throw IdCloudErrorMapper.FromUnusableModel(operation, "a process (\"id\" is empty)", clientReference);

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
            Operation = ex.Operation,
            Advice = ex.Advice,
            MustRedoCapture = (ex as IdCloudByClientException)?.MustRedoCapture ?? false,
        };
    }
}
