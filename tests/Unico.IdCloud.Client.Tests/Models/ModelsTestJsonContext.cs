using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Models;

// Test-only source-generated context: proves the [JsonConverter] attributes on the model types work without
// reflection, the way the SDK's own context and the generated DTOs will use them.
[JsonSerializable(typeof(Flow))]
[JsonSerializable(typeof(Purpose))]
[JsonSerializable(typeof(DuiType))]
[JsonSerializable(typeof(NotificationChannel))]
[JsonSerializable(typeof(ProcessState))]
[JsonSerializable(typeof(ProcessResult))]
[JsonSerializable(typeof(AuthenticationResult))]
[JsonSerializable(typeof(LivenessResult))]
[JsonSerializable(typeof(TrustResult))]
[JsonSerializable(typeof(BioTokenEngineResult))]
[JsonSerializable(typeof(ScoreEnabled))]
[JsonSerializable(typeof(ProcessCapacity))]
[JsonSerializable(typeof(OcrDocumentCode))]
[JsonSerializable(typeof(EnumHolder))]
[JsonSerializable(typeof(Dictionary<Flow, int>))]
[JsonSerializable(typeof(Cpf))]
[JsonSerializable(typeof(CpfHolder))]
[JsonSerializable(typeof(Base64Content))]
[JsonSerializable(typeof(FileHolder))]
[JsonSerializable(typeof(CapacitiesHolder))]
[JsonSerializable(typeof(OcrDocument))]
[JsonSerializable(typeof(OcrDocumentHolder))]
[JsonSerializable(typeof(OcrDocumentData))]
[JsonSerializable(typeof(OcrDate))]
[JsonSerializable(typeof(DurationHolder))]
internal sealed partial class ModelsTestJsonContext : JsonSerializerContext
{
}

internal sealed class EnumHolder
{
    [JsonPropertyName("state")]
    public ProcessState? State { get; set; }

    [JsonPropertyName("flow")]
    public Flow? Flow { get; set; }
}

internal sealed class CpfHolder
{
    [JsonPropertyName("cpf")]
    public Cpf Cpf { get; set; }
}

internal sealed class FileHolder
{
    [JsonPropertyName("fileContents")]
    public Base64Content? FileContents { get; set; }

    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }
}

internal sealed class CapacitiesHolder
{
    [JsonPropertyName("capacities")]
    [JsonConverter(typeof(ProcessCapacityListJsonConverter))]
    public IReadOnlyList<ProcessCapacity>? Capacities { get; set; }
}

internal sealed class OcrDocumentHolder
{
    [JsonPropertyName("doc")]
    public OcrDocument? Doc { get; set; }

    [JsonPropertyName("typified")]
    public bool? Typified { get; set; }
}

internal sealed class DurationHolder
{
    [JsonPropertyName("expiresIn")]
    [JsonConverter(typeof(ProtobufDurationJsonConverter))]
    public TimeSpan ExpiresIn { get; set; }
}
