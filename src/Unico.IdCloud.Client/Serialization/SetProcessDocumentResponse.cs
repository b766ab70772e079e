using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// The answer of SetProcessDocument: <c>{"process": {...}}</c>. A wire envelope (<c>x-idcloud-envelope</c> in openapi/idcloud-process.yaml): the generated Refit interface
/// returns its payload, which <see cref="IdCloudHttpContentSerializer"/> unwraps and checks, so the type is internal and
/// excluded from generation.
/// </summary>
internal sealed class SetProcessDocumentResponse
{
    /// <summary>The process id and its person's document. Required: an answer without it is an invalid response.</summary>
    [JsonPropertyName("process")]
    public required ProcessDocument Process { get; set; }

    /// <summary>Members the contract does not know (kept so the envelope round-trips).</summary>
    [JsonExtensionData]
    public IDictionary<string, object> AdditionalProperties { get; set; } = new Dictionary<string, object>();
}
