using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Source-generated JSON metadata of the by Client wire (the DTOs generated from openapi/idcloud-byclient.yaml into
/// <c>Unico.IdCloud.Client.ByClient.Wire</c>, and the hand-written public request). Member names are read
/// case-insensitively (the older answers are PascalCase) and numbers may arrive as strings; nulls are not written.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ByClientProcessRequest))]
[JsonSerializable(typeof(Wire.ByClientProcess))]
[JsonSerializable(typeof(Wire.ReusableDocumentList))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ByClientJsonContext : JsonSerializerContext;
