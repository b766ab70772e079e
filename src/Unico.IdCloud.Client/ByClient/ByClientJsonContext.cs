using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Source-generated JSON metadata of the by Client wire (the DTOs generated from openapi/idcloud-byclient.yaml into
/// <c>Unico.IdCloud.Client.ByClient.Wire</c>, and the hand-written public request). Member names are read
/// case-insensitively (the older answers are PascalCase) and numbers may arrive as strings; nulls are not written.
/// </summary>
// A member that appears twice (also "status" and "Status", as names are case-insensitive) makes the answer ambiguous:
// last-wins would let a second "unicoId" or "status" decide the verdict, while another reader (a proxy, a log) sees the
// first. Where the runtime can refuse it (System.Text.Json 10), the answer is unreadable instead.
#if NET10_0_OR_GREATER
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowDuplicateProperties = false)]
#else
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
#endif
[JsonSerializable(typeof(ByClientProcessRequest))]
[JsonSerializable(typeof(Wire.ByClientProcess))]
[JsonSerializable(typeof(Wire.ReusableDocumentList))]
[JsonSerializable(typeof(Wire.DataVerification))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ByClientJsonContext : JsonSerializerContext;
