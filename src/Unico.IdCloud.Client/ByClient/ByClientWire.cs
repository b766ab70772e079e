using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

// The wire shapes of the by Client answers, read case-insensitively (older answers are PascalCase) and mapped to the
// public models by ByClientProcess.FromWire. Kept internal so the public types stay flat (process.UnicoId rather than
// process.UnicoId.Result) and can change shape without touching the wire.

/// <summary>The process body of POST /processes/v1 and GET /processes/v1|v2/{id}.</summary>
internal sealed class ByClientProcessWire
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("status")]
    public int? Status { get; set; }

    [JsonPropertyName("unicoId")]
    public ByClientResultWire? UnicoId { get; set; }

    [JsonPropertyName("liveness")]
    public int? Liveness { get; set; }

    [JsonPropertyName("identityFraudsters")]
    public ByClientResultWire? IdentityFraudsters { get; set; }

    [JsonPropertyName("government")]
    public ByClientGovernmentWire? Government { get; set; }

    [JsonPropertyName("score")]
    public int? Score { get; set; }

    [JsonPropertyName("riskLevel")]
    public ByClientResultWire? RiskLevel { get; set; }

    [JsonPropertyName("document")]
    public ByClientDocumentWire? Document { get; set; }

    [JsonPropertyName("processAdditionalInfo")]
    public Dictionary<string, JsonElement>? ProcessAdditionalInfo { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary><c>{"result": "..."}</c>.</summary>
internal sealed class ByClientResultWire
{
    [JsonPropertyName("result")]
    public string? Result { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary><c>{"serpro": 87}</c>.</summary>
internal sealed class ByClientGovernmentWire
{
    [JsonPropertyName("serpro")]
    public int? Serpro { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The document of a document process.</summary>
internal sealed class ByClientDocumentWire
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("cpfMatch")]
    public bool? CpfMatch { get; set; }

    [JsonPropertyName("content")]
    public Dictionary<string, JsonElement>? Content { get; set; }

    [JsonPropertyName("fileUrls")]
    public List<string>? FileUrls { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>GET /documents/v1.</summary>
internal sealed class ByClientDocumentsWire
{
    [JsonPropertyName("items")]
    public List<ByClientReusableDocumentWire>? Items { get; set; }
}

/// <summary>One item of GET /documents/v1.</summary>
internal sealed class ByClientReusableDocumentWire
{
    [JsonPropertyName("documentType")]
    public string? DocumentType { get; set; }

    [JsonPropertyName("documentId")]
    public string? DocumentId { get; set; }
}
