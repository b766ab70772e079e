using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client;

/// <summary>Source-generated JSON for <c>manifest.json</c>: indented for people, enums as names, no reflection.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IdCloudArtifactManifest))]
internal sealed partial class IdCloudArtifactManifestJsonContext : JsonSerializerContext;
