using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Validation;

namespace Unico.IdCloud.Client;

/// <summary>
/// The convenience layer over the generated <see cref="IIdCloudProcessApi"/>: validates before sending, unwraps the
/// wire envelopes and decodes the inline files. Transport, authentication, retries and error mapping happen below,
/// in the Refit client's pipeline; an answer that reaches this class has already been checked by the serializer
/// (<see cref="Serialization.IdCloudHttpContentSerializer"/>): envelopes hold their payload. Files come decoded from the
/// generated interface's <c>GetSelfieAsync</c>/<c>GetEvidenceSetAsync</c> (default interface methods that decode the
/// unread answer as it arrives: <see cref="Serialization.IdCloudFileEnvelopeReader"/>), so their base64 is valid.
/// </summary>
/// <param name="api">The generated Refit interface.</param>
/// <param name="validator">
/// Checks a CreateProcess request before it is sent (all problems at once). Optional only so that hand-built clients
/// get the same checks: when not given, one without logging is used.
/// </param>
internal sealed class IdCloudProcessClient(IIdCloudProcessApi api, CreateProcessRequestValidator? validator = null) : IIdCloudProcessClient
{
    private readonly IIdCloudProcessApi _api = api ?? throw new ArgumentNullException(nameof(api));
    private readonly CreateProcessRequestValidator _validator = validator ?? new CreateProcessRequestValidator();

    public async Task<IdCloudProcess> CreateProcessAsync(CreateProcessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Wrong input must not cost an API call (nor create a half-valid, billable process): fail with every problem.
        _validator.Validate(request);
        var witness = IdCloudSendWitness.Begin();
        try
        {
            return await _api.CreateProcessAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException cancelled) when (IdCloudErrorMapper.CancellationForCaller(
            cancelled, IdCloudOperation.CreateProcess, witness, request.ClientReference, cancellationToken) is { } signal)
        {
            // The body is streamed by Refit, so the pipeline cannot see the clientReference; and a cancellation while
            // Refit reads the answer never reaches the pipeline: this layer completes the signal.
            throw signal;
        }
        catch (IdCloudException error) when (error.ClientReference is null && request.ClientReference is not null)
        {
            // Same reason: a 5xx, a timeout or a broken connection after sending may have created the process, and the
            // caller looks it up by this reference before sending again (docs/errors.md, docs/resilience.md).
            error.AttachClientReference(request.ClientReference);
            throw;
        }
    }

    public Task<IdCloudProcess> GetProcessAsync(string processId, CancellationToken cancellationToken = default) =>
        _api.GetProcessAsync(IdCloudResourceId.Validate(processId, nameof(processId)), cancellationToken);

    public Task<IdCloudFile> GetSelfieAsync(string processId, CancellationToken cancellationToken = default) =>
        _api.GetSelfieAsync(IdCloudResourceId.Validate(processId, nameof(processId)), cancellationToken);

    public Task<IdCloudFile> GetEvidenceSetAsync(string processId, CancellationToken cancellationToken = default) =>
        _api.GetEvidenceSetAsync(IdCloudResourceId.Validate(processId, nameof(processId)), cancellationToken);

    public async Task<ProcessDocument> SetProcessDocumentAsync(
        string processId,
        DuiType duiType,
        string duiValue,
        CancellationToken cancellationToken = default)
    {
        var id = IdCloudResourceId.Validate(processId, nameof(processId));
        ArgumentNullException.ThrowIfNull(duiValue);
        ProcessDocumentValidator.Validate(duiType, duiValue);
        var body = new SetProcessDocumentRequest { DuiType = duiType, DuiValue = duiValue };
        var witness = IdCloudSendWitness.Begin();
        try
        {
            return await _api.SetProcessDocumentAsync(id, body, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException cancelled) when (IdCloudErrorMapper.CancellationForCaller(
            cancelled, IdCloudOperation.SetProcessDocument, witness, clientReference: null, cancellationToken) is { } signal)
        {
            // A cancellation while Refit reads the answer never reaches the pipeline (see IdCloudSendWitness).
            throw signal;
        }
    }

    public Task<ProcessDocument> SetProcessDocumentAsync(string processId, Cpf cpf, CancellationToken cancellationToken = default) =>
        SetProcessDocumentAsync(processId, DuiType.BrCpf, cpf.Value, cancellationToken);

}
