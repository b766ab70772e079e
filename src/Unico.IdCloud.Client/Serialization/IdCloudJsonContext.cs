using System.Text.Json;
using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// The System.Text.Json source-generated metadata of every DTO on the wire: the one serializer configuration of the
/// SDK (use <see cref="JsonSerializerContext"/>'s <c>Default</c> instance; it is immutable once created). No
/// reflection-based serialization anywhere, so the library stays trimming- and AOT-safe.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Property names come from the generated <c>[JsonPropertyName]</c> attributes, so no naming policy is set.</item>
/// <item>Nulls are not written: an unset optional member is absent from the request, as the API expects (it is
/// protobuf JSON, where absent and zero are the same).</item>
/// <item><see cref="TimeSpan"/> uses the protobuf Duration form (<c>"3600s"</c>): the only <see cref="TimeSpan"/> on
/// the wire is <c>expiresIn</c>. <see cref="DateTimeOffset"/> is written like the API writes it (<c>Z</c>, not
/// <c>+00:00</c>).</item>
/// <item>Extensible enums, <see cref="Base64Content"/> and <see cref="OcrDocument"/> carry their own converters
/// (attributes on the types); the wire shapes the C# model flattens (<c>capacities</c>, <c>person.notifications</c>,
/// <c>payload</c>) have converters on their properties (<c>x-idcloud-converter</c> in the contract).</item>
/// <item>Unknown members land in each DTO's internal <c>AdditionalProperties</c> as <see cref="JsonElement"/> values and are
/// written back unchanged. Values added there in code must be of a type registered below (JSON elements and the
/// common primitives); any other type fails with <see cref="NotSupportedException"/> when serialized.</item>
/// </list>
/// </remarks>
// NumberHandling: the process API is protobuf JSON (gRPC-gateway), whose readers must accept a number written as a
// string ("50"; 64-bit integers are always written that way); numbers are still written as numbers.
// A member that appears twice makes an answer ambiguous: last-wins would let a second "process" or "state" decide what
// the caller reads, while another reader (a proxy, a log) sees the first. Where the runtime can refuse it
// (System.Text.Json 10), such an answer is unreadable instead.
#if NET10_0_OR_GREATER
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(ProtobufDurationJsonConverter), typeof(ProtobufTimestampJsonConverter)],
    AllowDuplicateProperties = false)]
#else
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(ProtobufDurationJsonConverter), typeof(ProtobufTimestampJsonConverter)])]
#endif
[JsonSerializable(typeof(CreateProcessRequest))]
[JsonSerializable(typeof(FlowConfig))]
[JsonSerializable(typeof(BiometryCaptureConfig))]
[JsonSerializable(typeof(ProcessPerson))]
[JsonSerializable(typeof(Contextualization))]
[JsonSerializable(typeof(ContextualizationLocales))]
[JsonSerializable(typeof(ContextualizationLocale))]
[JsonSerializable(typeof(EnvelopePayload))]
[JsonSerializable(typeof(EnvelopeDocument))]
[JsonSerializable(typeof(ProcessResponse))]
[JsonSerializable(typeof(IdCloudProcess))]
[JsonSerializable(typeof(AuthenticationInfo))]
[JsonSerializable(typeof(ScoreEngineResult))]
[JsonSerializable(typeof(SerproResult))]
[JsonSerializable(typeof(ProcessService))]
[JsonSerializable(typeof(ProcessServiceDocument))]
[JsonSerializable(typeof(CompanyData))]
[JsonSerializable(typeof(FileContentsResponse))]
[JsonSerializable(typeof(SetProcessDocumentRequest))]
[JsonSerializable(typeof(SetProcessDocumentResponse))]
[JsonSerializable(typeof(ProcessDocument))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
internal sealed partial class IdCloudJsonContext : JsonSerializerContext;
