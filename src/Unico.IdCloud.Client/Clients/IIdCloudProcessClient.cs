using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// The by Unico process API: create a verification process, read its result, download the watermarked selfie and
/// the evidence set. Thread-safe; get it from dependency injection.
/// </summary>
/// <remarks>
/// Every failure is an <see cref="IdCloudException"/>: <see cref="IdCloudErrorKind.NotFound"/> for an unknown process,
/// <see cref="IdCloudErrorKind.InvalidResponse"/> for a success answer that cannot be read, and so on. Invalid
/// arguments are reported before anything is sent.
/// </remarks>
public interface IIdCloudProcessClient
{
    /// <summary>
    /// Creates a process (<c>POST /client/v1/process</c>) and returns it, with <see cref="IdCloudProcess.UserRedirectUrl"/>
    /// (send the user there) and <see cref="IdCloudProcess.Token"/> (for the web SDK).
    /// </summary>
    /// <remarks>
    /// Not idempotent: each accepted call creates a new, billable process. The SDK does not retry it once it may
    /// have reached the server; when an exception says <see cref="IdCloudException.RequestMayHaveBeenProcessed"/>,
    /// look the process up by your <see cref="CreateProcessRequest.ClientReference"/> before trying again.
    /// </remarks>
    /// <param name="request">The process to create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created process.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="IdCloudException">The call failed; the subtype and <see cref="IdCloudException.Kind"/> say how.</exception>
    Task<IdCloudProcess> CreateProcessAsync(CreateProcessRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets a process and its result (<c>GET /client/v1/process/{processId}</c>).</summary>
    /// <param name="processId">The process id returned by <see cref="CreateProcessAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The process.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="processId"/> is <see langword="null"/>.</exception>
    /// <exception cref="IdCloudValidationException">
    /// <paramref name="processId"/> is empty or contains characters an id never has (<c>/ \ ? # %</c>, <c>..</c>,
    /// white space or control characters); nothing was sent.
    /// </exception>
    /// <exception cref="IdCloudException">The call failed (an <see cref="IdCloudApiException"/> of kind <see cref="IdCloudErrorKind.NotFound"/> for an unknown id).</exception>
    Task<IdCloudProcess> GetProcessAsync(string processId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads the watermarked selfie of a finished process (<c>GET /client/v1/process/{processId}/selfie</c>).
    /// Unico grants this permission case by case; without it the call fails with HTTP 403.
    /// </summary>
    /// <param name="processId">The process id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The image bytes and media type (for example <c>image/jpeg</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="processId"/> is <see langword="null"/>.</exception>
    /// <exception cref="IdCloudValidationException"><paramref name="processId"/> is empty or not a plausible id; nothing was sent.</exception>
    /// <exception cref="IdCloudException">The call failed; <see cref="IdCloudErrorKind.InvalidResponse"/> when the answer holds no file or its content is not valid base64.</exception>
    /// <exception cref="IdCloudException">The call failed.</exception>
    Task<IdCloudFile> GetSelfieAsync(string processId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads the evidence set (a PDF) of a finished process (<c>GET /client/v1/process/{processId}/evidenceset</c>).
    /// The API's <c>x-pdf</c> media type is reported as <c>application/pdf</c>.
    /// </summary>
    /// <param name="processId">The process id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The PDF bytes and media type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="processId"/> is <see langword="null"/>.</exception>
    /// <exception cref="IdCloudValidationException"><paramref name="processId"/> is empty or not a plausible id; nothing was sent.</exception>
    /// <exception cref="IdCloudException">The call failed; <see cref="IdCloudErrorKind.InvalidResponse"/> when the answer holds no file or its content is not valid base64.</exception>
    /// <exception cref="IdCloudException">The call failed.</exception>
    Task<IdCloudFile> GetEvidenceSetAsync(string processId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the person's document on a process created without one (<c>POST /client/v1/process/{processId}/document</c>),
    /// for custom flows whose process waits in <see cref="ProcessState.AwaitingForDocument"/>. Once set it cannot change.
    /// </summary>
    /// <param name="processId">The process id.</param>
    /// <param name="duiType">The document type: <see cref="DuiType.BrCpf"/>, <see cref="DuiType.MxCurp"/> or <see cref="DuiType.UsSsn"/>.</param>
    /// <param name="duiValue">The document number (at most 320 characters; a CPF is its 11 digits without formatting).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The process id and the document as stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="processId"/> or <paramref name="duiValue"/> is <see langword="null"/>.</exception>
    /// <exception cref="IdCloudValidationException">
    /// The id is not a plausible id, the type is not one of the three accepted, the value is empty or too long, or a CPF
    /// has wrong check digits; nothing was sent.
    /// </exception>
    /// <exception cref="IdCloudException">
    /// The call failed; HTTP 400 (<see cref="IdCloudErrorKind.InvalidArgument"/> or
    /// <see cref="IdCloudErrorKind.FailedPrecondition"/>) also when the process is not waiting for a document.
    /// </exception>
    Task<ProcessDocument> SetProcessDocumentAsync(string processId, DuiType duiType, string duiValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the person's CPF on a process created without a document (<c>POST /client/v1/process/{processId}/document</c>
    /// with <c>DUI_TYPE_BR_CPF</c> and the 11 digits), for custom flows whose process waits in
    /// <see cref="ProcessState.AwaitingForDocument"/>. Once set it cannot change.
    /// </summary>
    /// <param name="processId">The process id.</param>
    /// <param name="cpf">The person's CPF (valid by construction: <see cref="Cpf.Parse"/> or <see cref="Cpf.TryParse"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The process id and the document as stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="processId"/> is <see langword="null"/>.</exception>
    /// <exception cref="IdCloudValidationException">
    /// The id is not a plausible id, or <paramref name="cpf"/> is <see langword="default"/> (empty); nothing was sent.
    /// </exception>
    /// <exception cref="IdCloudException">The call failed, as for the other overload.</exception>
    Task<ProcessDocument> SetProcessDocumentAsync(string processId, Cpf cpf, CancellationToken cancellationToken = default) =>
        SetProcessDocumentAsync(processId, DuiType.BrCpf, cpf.Value, cancellationToken);
}
