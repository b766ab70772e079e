using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// A file returned inline (selfie, evidence set): <c>{"fileContents": "base64", "contentType": "image/jpeg"}</c>. A wire
/// envelope (<c>x-idcloud-envelope</c> in openapi/idcloud-process.yaml): the generated Refit interface returns the decoded
/// <see cref="IdCloudFile"/>, built by <see cref="IdCloudHttpContentSerializer"/>, so the type is internal and excluded
/// from generation.
/// </summary>
internal sealed class FileContentsResponse
{
    /// <summary>The file, base64-encoded. Required.</summary>
    [JsonPropertyName("fileContents")]
    public required Base64Content FileContents { get; set; }

    /// <summary>The media type as the server writes it (<c>image/jpeg</c>, <c>x-pdf</c>).</summary>
    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    /// <summary>Members the contract does not know (kept so the envelope round-trips).</summary>
    [JsonExtensionData]
    public IDictionary<string, object> AdditionalProperties { get; set; } = new Dictionary<string, object>();
}
