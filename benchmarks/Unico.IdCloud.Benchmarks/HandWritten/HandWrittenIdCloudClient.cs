using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Unico.IdCloud.Benchmarks.HandWritten;

/// <summary>
/// The baseline: what a developer writes without the SDK. One <see cref="HttpClient"/> with a hard-coded bearer header,
/// System.Text.Json with source-generated metadata, streamed request and response bodies. No retries, no timeouts, no
/// error mapping, no token refresh: the SDK's extra work is what the ratios show.
/// </summary>
internal sealed class HandWrittenIdCloudClient : IDisposable
{
    private readonly HttpClient processApi;
    private readonly HttpClient signatureApi;

    public HandWrittenIdCloudClient(HttpMessageHandler handler, Uri processApiBaseAddress, Uri signatureApiBaseAddress, string accessToken)
    {
        processApi = Create(handler, processApiBaseAddress, accessToken);
        signatureApi = Create(handler, signatureApiBaseAddress, accessToken);
    }

    public async Task<HandWrittenProcess> GetProcessAsync(string processId, CancellationToken cancellationToken = default)
    {
        using var response = await processApi.GetAsync("client/v1/process/" + Uri.EscapeDataString(processId), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(HandWrittenJsonContext.Default.HandWrittenProcessEnvelope, cancellationToken);
        return envelope?.Process ?? throw new InvalidOperationException("GetProcess answered without a process.");
    }

    public async Task<HandWrittenProcess> CreateProcessAsync(HandWrittenCreateProcessRequest request, CancellationToken cancellationToken = default)
    {
        // JsonContent serialises straight into the request stream: no intermediate string or byte[] of the body.
        using var content = JsonContent.Create(request, HandWrittenJsonContext.Default.HandWrittenCreateProcessRequest);
        using var response = await processApi.PostAsync("client/v1/process", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(HandWrittenJsonContext.Default.HandWrittenProcessEnvelope, cancellationToken);
        return envelope?.Process ?? throw new InvalidOperationException("CreateProcess answered without a process.");
    }

    public async Task<HandWrittenEvidenceSet> GetEvidenceSetAsync(string processId, CancellationToken cancellationToken = default)
    {
        using var response = await processApi.GetAsync("client/v1/process/" + Uri.EscapeDataString(processId) + "/evidenceset", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(HandWrittenJsonContext.Default.HandWrittenEvidenceSet, cancellationToken)
            ?? throw new InvalidOperationException("GetEvidenceSet answered without a body.");
    }

    public async Task CopySignedDocumentAsync(string documentId, Stream destination, CancellationToken cancellationToken = default)
    {
        using var response = await signatureApi.GetAsync("api/v1/service/file/" + Uri.EscapeDataString(documentId), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using (body)
        {
            await body.CopyToAsync(destination, cancellationToken);
        }
    }

    public void Dispose()
    {
        processApi.Dispose();
        signatureApi.Dispose();
    }

    private static HttpClient Create(HttpMessageHandler handler, Uri baseAddress, string accessToken)
    {
        // Relative paths resolve under the base address only when it ends with '/'.
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseAddress.OriginalString.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
