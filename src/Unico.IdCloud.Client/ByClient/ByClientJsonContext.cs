using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Source-generated JSON metadata of the by Client wire. Member names are read case-insensitively (the older answers
/// are PascalCase) and numbers may arrive as strings; nulls are not written.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ByClientProcessRequest))]
[JsonSerializable(typeof(ByClientProcessWire))]
[JsonSerializable(typeof(ByClientDocumentsWire))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ByClientJsonContext : JsonSerializerContext;
