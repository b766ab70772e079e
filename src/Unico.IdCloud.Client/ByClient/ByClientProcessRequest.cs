using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The body of <c>POST /processes/v1</c>. Build it with <see cref="ForIdentity"/> (onboarding),
/// <see cref="ForAuthentication"/> (1:1) or <see cref="ForDocument"/> (document capture or reuse).
/// </summary>
public sealed class ByClientProcessRequest
{
    /// <summary>The person (identity and document processes).</summary>
    [JsonPropertyName("subject")]
    public ByClientSubject? Subject { get; set; }

    /// <summary>The use case, e.g. <c>Onboarding</c>; optional, the API key already selects one.</summary>
    [JsonPropertyName("useCase")]
    public string? UseCase { get; set; }

    /// <summary>The subsidiary, when the account has several.</summary>
    [JsonPropertyName("subsidiaryId")]
    public string? SubsidiaryId { get; set; }

    /// <summary>
    /// The capture SDK's encrypted payload (send it within 10 minutes, once), or plain base64 (JPEG/PNG/WebP, at most
    /// 800 KB) only when liveness is not contracted.
    /// </summary>
    [JsonPropertyName("imageBase64")]
    public string? ImageBase64 { get; set; }

    /// <summary>What a 1:1 authentication compares with.</summary>
    [JsonPropertyName("references")]
    public IList<ByClientReference>? References { get; init; }

    /// <summary>Deprecated by the vendor: use <see cref="References"/> with <see cref="ByClientReference.Process"/>.</summary>
    [JsonPropertyName("referenceProcessId")]
    public string? ReferenceProcessId { get; set; }

    /// <summary>The document to capture or reuse (document processes; always asynchronous).</summary>
    [JsonPropertyName("document")]
    public ByClientDocumentRequest? Document { get; set; }

    /// <summary>An identity (onboarding) process: the person's data and the capture.</summary>
    /// <param name="subject">The person; <see cref="ByClientSubject.Name"/> is required.</param>
    /// <param name="imageBase64">The capture SDK's payload.</param>
    /// <returns>The request.</returns>
    public static ByClientProcessRequest ForIdentity(ByClientSubject subject, string imageBase64) =>
        new() { Subject = subject, ImageBase64 = imageBase64 };

    /// <summary>A 1:1 authentication: the new capture compared with a reference.</summary>
    /// <param name="reference">A previous process or a reference image.</param>
    /// <param name="imageBase64">The capture SDK's payload.</param>
    /// <returns>The request.</returns>
    public static ByClientProcessRequest ForAuthentication(ByClientReference reference, string imageBase64) =>
        new() { References = [reference], ImageBase64 = imageBase64 };

    /// <summary>A document capture or reuse process (asynchronous: read the document with GetProcess later).</summary>
    /// <param name="subject">The person; only <see cref="ByClientSubject.Code"/> (and <see cref="ByClientSubject.DuiType"/>) are needed.</param>
    /// <param name="document">The files or the reusable document's id.</param>
    /// <returns>The request.</returns>
    public static ByClientProcessRequest ForDocument(ByClientSubject subject, ByClientDocumentRequest document) =>
        new() { Subject = subject, Document = document };

    /// <inheritdoc />
    public override string ToString() =>
        $"ByClientProcessRequest {{ Kind = {(Document is not null ? "document" : References is not null || ReferenceProcessId is not null ? "authentication" : "identity")}, UseCase = {UseCase} }}";
}
