namespace Unico.IdCloud.Client.Http;

/// <summary>
/// Describes one API operation to the pipeline: the clients attach it to each request
/// (<see cref="HttpRequestMessage.Options"/>) so the handlers can decide retries, timeouts and telemetry
/// without parsing URLs.
/// </summary>
/// <param name="Name">Operation name used in telemetry and messages, e.g. <c>CreateProcess</c>.</param>
/// <param name="IsIdempotent">Whether repeating the request is harmless (GET). CreateProcess is not.</param>
/// <param name="IsDownload">Whether the response is a streamed file (own timeout budget, no retry once streaming).</param>
internal sealed record IdCloudOperation(string Name, bool IsIdempotent, bool IsDownload)
{
    /// <summary>The request-options key under which the operation travels with the request.</summary>
    public static readonly HttpRequestOptionsKey<IdCloudOperation> OptionsKey = new("Unico.IdCloud.Operation");

    public static readonly IdCloudOperation CreateProcess = new(nameof(CreateProcess), IsIdempotent: false, IsDownload: false);
    public static readonly IdCloudOperation GetProcess = new(nameof(GetProcess), IsIdempotent: true, IsDownload: false);
    public static readonly IdCloudOperation GetSelfie = new(nameof(GetSelfie), IsIdempotent: true, IsDownload: false);
    public static readonly IdCloudOperation GetEvidenceSet = new(nameof(GetEvidenceSet), IsIdempotent: true, IsDownload: false);
    public static readonly IdCloudOperation SetProcessDocument = new(nameof(SetProcessDocument), IsIdempotent: false, IsDownload: false);
    public static readonly IdCloudOperation GetSignedDocument = new(nameof(GetSignedDocument), IsIdempotent: true, IsDownload: true);
    public static readonly IdCloudOperation GetSignatureEvidence = new(nameof(GetSignatureEvidence), IsIdempotent: true, IsDownload: true);
    public static readonly IdCloudOperation RequestToken = new(nameof(RequestToken), IsIdempotent: false, IsDownload: false);
}
