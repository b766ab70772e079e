using System.Net.Http.Headers;
using System.Net.Http.Json;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
using Unico.IdCloud.Client.Validation;

namespace Unico.IdCloud.Client;

/// <summary>
/// The process API over an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the process host
/// (with a trailing slash if it has a path). Authentication, retries and error mapping live in the pipeline behind
/// <see cref="IdCloudHttp"/>; this class only builds requests and reads answers.
/// </summary>
/// <param name="httpClient">The process API client from the pipeline.</param>
/// <param name="validator">
/// Checks a CreateProcess request before it is sent (all problems at once). Optional only so that hand-built clients
/// get the same checks: when not given, one without logging is used.
/// </param>
internal sealed class IdCloudProcessClient(HttpClient httpClient, CreateProcessRequestValidator? validator = null) : IIdCloudProcessClient
{
    private const string ProcessPath = "client/v1/process";

    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new(IdCloudMediaType.Json);

    private readonly HttpClient _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
    private readonly CreateProcessRequestValidator _validator = validator ?? new CreateProcessRequestValidator();

    public async Task<IdCloudProcess> CreateProcessAsync(CreateProcessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Wrong input must not cost an API call (nor create a half-valid, billable process): fail with every problem.
        _validator.Validate(request);

        // JsonContent serializes straight to the request stream on every send (no base64 string of the documents, and
        // a retry of the same message can serialize again).
        using var message = new HttpRequestMessage(HttpMethod.Post, ProcessPath)
        {
            Content = JsonContent.Create(request, IdCloudJsonContext.Default.CreateProcessRequest),
        };
        return await SendForProcessAsync(message, IdCloudOperation.CreateProcess, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IdCloudProcess> GetProcessAsync(string processId, CancellationToken cancellationToken = default)
    {
        var path = $"{ProcessPath}/{IdCloudResourceId.ToPathSegment(processId, nameof(processId))}";
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendForProcessAsync(message, IdCloudOperation.GetProcess, cancellationToken).ConfigureAwait(false);
    }

    public Task<IdCloudFile> GetSelfieAsync(string processId, CancellationToken cancellationToken = default)
    {
        var path = $"{ProcessPath}/{IdCloudResourceId.ToPathSegment(processId, nameof(processId))}/selfie";
        return GetFileAsync(path, IdCloudOperation.GetSelfie, cancellationToken);
    }

    public Task<IdCloudFile> GetEvidenceSetAsync(string processId, CancellationToken cancellationToken = default)
    {
        var path = $"{ProcessPath}/{IdCloudResourceId.ToPathSegment(processId, nameof(processId))}/evidenceset";
        return GetFileAsync(path, IdCloudOperation.GetEvidenceSet, cancellationToken);
    }

    private async Task<IdCloudProcess> SendForProcessAsync(HttpRequestMessage message, IdCloudOperation operation, CancellationToken cancellationToken)
    {
        message.Headers.Accept.Add(AcceptJson);
        using var response = await IdCloudHttp.SendAsync(
            _httpClient, message, operation, IdCloudApi.Process, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await IdCloudHttp.ReadJsonAsync(response, IdCloudJsonContext.Default.ProcessResponse, operation, cancellationToken).ConfigureAwait(false);

        // "process" is required (a missing member already failed above), but JSON null gets past the deserializer.
        return body.Process ?? throw IdCloudErrorMapper.FromUnreadableBody(response, operation, "a process (\"process\" is null)", innerException: null);
    }

    private async Task<IdCloudFile> GetFileAsync(string path, IdCloudOperation operation, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        message.Headers.Accept.Add(AcceptJson);
        using var response = await IdCloudHttp.SendAsync(
            _httpClient, message, operation, IdCloudApi.Process, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await IdCloudHttp.ReadJsonAsync(response, IdCloudJsonContext.Default.FileContentsResponse, operation, cancellationToken).ConfigureAwait(false);

        // The converter decoded the base64 straight from the JSON token; text that is not base64 was kept as text so
        // that it surfaces here as an invalid response rather than as a JSON error.
        if (body.FileContents is not { } contents)
        {
            throw IdCloudErrorMapper.FromUnreadableBody(response, operation, "a file (\"fileContents\" is null)", innerException: null);
        }

        if (!contents.TryGetBytes(out var bytes))
        {
            throw IdCloudErrorMapper.FromUnreadableBody(response, operation, "a file (\"fileContents\" is not valid base64)", innerException: null);
        }

        return new IdCloudFile(bytes, body.ContentType);
    }
}
