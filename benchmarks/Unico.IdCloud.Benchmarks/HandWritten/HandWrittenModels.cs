using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Benchmarks.HandWritten;

// The DTOs a careful developer writes by hand from the vendor's reference: plain strings for the enum-like values,
// DateTimeOffset for timestamps, byte[] for base64 files (System.Text.Json decodes/encodes them directly), and the OCR
// document data kept as raw JSON because its shape depends on the document type and it holds invalid dates.
// Public only because the benchmark methods return them.

public sealed class HandWrittenProcessEnvelope
{
    public HandWrittenProcess? Process { get; set; }
}

public sealed class HandWrittenProcess
{
    public string? Id { get; set; }
    public string? CompanyBranchId { get; set; }
    public string? Flow { get; set; }
    public string? CallbackUri { get; set; }
    public string? UserRedirectUrl { get; set; }
    public string? State { get; set; }
    public string? Result { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public HandWrittenPerson? Person { get; set; }
    public string? Purpose { get; set; }
    public HandWrittenAuthenticationInfo? AuthenticationInfo { get; set; }
    public List<string>? Capacities { get; set; }
    public List<HandWrittenService>? Services { get; set; }
    public string? Token { get; set; }
    public HandWrittenCompanyData? CompanyData { get; set; }
    public string? ClientReference { get; set; }
}

public sealed class HandWrittenPerson
{
    public string? DuiType { get; set; }
    public string? DuiValue { get; set; }
    public string? FriendlyName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public List<HandWrittenNotification>? Notifications { get; set; }
}

public sealed class HandWrittenNotification
{
    public string? NotificationChannel { get; set; }
}

public sealed class HandWrittenAuthenticationInfo
{
    public string? AuthenticationResult { get; set; }
    public string? AuthenticationId { get; set; }
    public string? LivenessResult { get; set; }
    public string? BioTokenEngineResult { get; set; }
    public string? IdentityFraudstersResult { get; set; }
    public string? FaceWithOtherIdResult { get; set; }
    public HandWrittenScoreEngineResult? ScoreEngineResult { get; set; }
    public HandWrittenSerproResult? SerproResult { get; set; }
}

public sealed class HandWrittenScoreEngineResult
{
    public string? ScoreEnabled { get; set; }
    public double? Score { get; set; }
}

public sealed class HandWrittenSerproResult
{
    public double? Score { get; set; }
}

public sealed class HandWrittenService
{
    public List<HandWrittenServiceDocument>? Documents { get; set; }

    [JsonPropertyName("consent_granted")]
    public bool? ConsentGranted { get; set; }

    public string? EnvelopeId { get; set; }
    public List<string>? DocumentIds { get; set; }
}

public sealed class HandWrittenServiceDocument
{
    public HandWrittenOcrDocument? Doc { get; set; }
    public bool? Typified { get; set; }

    [JsonPropertyName("cpf_match")]
    public bool? CpfMatch { get; set; }

    [JsonPropertyName("face_match")]
    public bool? FaceMatch { get; set; }

    [JsonPropertyName("doc_id")]
    public string? DocId { get; set; }

    [JsonPropertyName("validate_doc")]
    public bool? ValidateDoc { get; set; }

    [JsonPropertyName("reused_doc")]
    public bool? ReusedDoc { get; set; }

    [JsonPropertyName("signed_url")]
    public string? SignedUrl { get; set; }
}

public sealed class HandWrittenOcrDocument
{
    public int? Version { get; set; }
    public string? Code { get; set; }
    public JsonElement? Data { get; set; }
}

public sealed class HandWrittenCompanyData
{
    public string? BranchId { get; set; }
    public string? CountryCode { get; set; }
}

public sealed class HandWrittenCreateProcessRequest
{
    public required string CallbackUri { get; set; }
    public required string Flow { get; set; }
    public required string Purpose { get; set; }
    public HandWrittenPerson? Person { get; set; }
    public List<HandWrittenSignaturePayload>? Payload { get; set; }
}

public sealed class HandWrittenSignaturePayload
{
    public HandWrittenEnvelopePayload? EnvelopePayload { get; set; }
}

public sealed class HandWrittenEnvelopePayload
{
    public List<HandWrittenEnvelopeDocument>? Documents { get; set; }
}

public sealed class HandWrittenEnvelopeDocument
{
    public string? DocumentName { get; set; }

    /// <summary>Written as base64 by System.Text.Json straight from the bytes.</summary>
    public byte[]? FileContents { get; set; }
}

public sealed class HandWrittenEvidenceSet
{
    /// <summary>Decoded from base64 by System.Text.Json straight into bytes.</summary>
    public byte[]? FileContents { get; set; }

    public string? ContentType { get; set; }
}
