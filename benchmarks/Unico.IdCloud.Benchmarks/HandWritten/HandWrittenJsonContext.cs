using System.Text.Json.Serialization;

namespace Unico.IdCloud.Benchmarks.HandWritten;

/// <summary>Source-generated metadata for the hand-written DTOs: what a careful writer uses on a hot path.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HandWrittenProcessEnvelope))]
[JsonSerializable(typeof(HandWrittenCreateProcessRequest))]
[JsonSerializable(typeof(HandWrittenEvidenceSet))]
internal sealed partial class HandWrittenJsonContext : JsonSerializerContext;
