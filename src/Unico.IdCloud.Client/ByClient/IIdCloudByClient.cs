namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The by Client API with one API key: create a process from the app's capture and read it back, find reusable
/// documents, verify a person's data. Get one from
/// <see cref="IIdCloudClientFactory.GetByClient"/> by key name (and account name), or inject it directly when exactly
/// one key is configured (a named account's keyed by the account's name).
/// Authentication, retries (never for a CreateProcess that may have been sent), telemetry and typed errors come from
/// the SDK's pipeline.
/// </summary>
public interface IIdCloudByClient
{
    /// <summary>The name of the API key this client sends (never its value).</summary>
    string ApiKeyName { get; }

    /// <summary>
    /// <c>POST /processes/v1</c>: identity and 1:1 answer the verdict now (call <see cref="ByClientProcess.Interpret"/>);
    /// document processes answer status 1 and finish later. Validated before sending. Never retried once it may have
    /// reached the service: then an <see cref="IdCloudByClientException"/> with
    /// <see cref="ByClientErrorReason.OutcomeUnknown"/> (or the service's code) and
    /// <see cref="IdCloudException.RequestMayHaveBeenProcessed"/> carries your <c>clientReference</c>.
    /// </summary>
    /// <param name="request">Built with <see cref="ByClientProcessRequest.ForIdentity"/>, <see cref="ByClientProcessRequest.ForAuthentication"/> or <see cref="ByClientProcessRequest.ForDocument"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The process. HTTP 200 with status 5 is returned (its interpretation is an error outcome), not thrown.</returns>
    /// <exception cref="IdCloudValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="IdCloudByClientException">The API answered one of its error codes.</exception>
    /// <exception cref="IdCloudException">Any other failure (transport, rate limit, unreadable answer).</exception>
    Task<ByClientProcess> CreateProcessAsync(ByClientProcessRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>GET /processes/v1/{id}</c>: the process again, with capabilities that arrived later.</summary>
    /// <param name="processId">The UUID returned by <see cref="CreateProcessAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The process.</returns>
    Task<ByClientProcess> GetProcessAsync(string processId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /processes/v2/{id}</c>: as <see cref="GetProcessAsync"/> plus <see cref="ByClientProcess.AdditionalInfo"/>.</summary>
    /// <param name="processId">The UUID returned by <see cref="CreateProcessAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The process.</returns>
    Task<ByClientProcess> GetProcessDetailsAsync(string processId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /documents/v1</c>: the person's documents a document process can reuse (empty when none).</summary>
    /// <param name="cpf">The CPF, 11 digits.</param>
    /// <param name="type">The document type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reusable documents.</returns>
    Task<IReadOnlyList<ByClientReusableDocument>> GetReusableDocumentsAsync(string cpf, ByClientDocumentType type, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>POST /lists/{cpf}</c> (Data Verification): the person's registration data and further lists, not an identity
    /// verdict. The CPF is checked before sending. The vendor may bill every call, so it is never retried once it may
    /// have reached the service; then the exception says <see cref="IdCloudException.RequestMayHaveBeenProcessed"/>.
    /// </summary>
    /// <param name="cpf">The CPF, 11 digits. It travels in the URL path; the SDK masks it in exceptions and logs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The data. A status other than 3 is returned, not thrown.</returns>
    /// <exception cref="IdCloudValidationException">The CPF is invalid; nothing was sent.</exception>
    /// <exception cref="IdCloudByClientException">The API answered one of its error codes (e.g. 20507 invalid CPF).</exception>
    /// <exception cref="IdCloudException">Any other failure (transport, rate limit, unreadable answer).</exception>
    Task<ByClientDataVerification> VerifyDataAsync(string cpf, CancellationToken cancellationToken = default);
}
