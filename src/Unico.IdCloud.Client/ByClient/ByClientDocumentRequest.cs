using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>The <c>document</c> of a document capture or reuse process: new files, or a reusable document's id.</summary>
public sealed class ByClientDocumentRequest
{
    /// <summary>Why the document is collected, e.g. <c>creditprocess</c>.</summary>
    [JsonPropertyName("purpose")]
    public string? Purpose { get; set; }

    /// <summary>An identity process of the same person with <c>yes</c> (or risk score ≥ +50) from the last 24 hours.</summary>
    [JsonPropertyName("authProcessId")]
    public required string AuthProcessId { get; set; }

    /// <summary>
    /// The captured pages, each in base64 or as the capture SDK's payload, for a new document. On the wire each page is
    /// wrapped as <c>{"data": "..."}</c>.
    /// </summary>
    [JsonPropertyName("files")]
    [JsonConverter(typeof(ByClientDocumentFileListJsonConverter))]
    public IList<string>? Files { get; init; }

    /// <summary>A document to reuse (see <see cref="IIdCloudByClient.GetReusableDocumentsAsync"/>), instead of files.</summary>
    [JsonPropertyName("documentId")]
    public string? DocumentId { get; set; }
}
