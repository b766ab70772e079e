using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// Reads and writes <c>payload</c> (<see cref="CreateProcessRequest.Payload"/>): the wire wraps each envelope in an
/// object, <c>[{"envelopePayload": {"documents": [...]}}]</c> (the contract's <c>SignaturePayload</c>), which carries
/// nothing else, so the C# list holds the envelopes themselves. Named by the contract (<c>x-idcloud-converter</c> in
/// openapi/idcloud-process.yaml).
/// </summary>
/// <remarks>
/// The envelopes are written with the metadata of the options in use, so the streamed CreateProcess body
/// (<c>IdCloudCreateProcessContent</c>, whose options replace each document by a marker) still sees every document.
/// An item without an <c>envelopePayload</c> object has no envelope to hold and is skipped when read.
/// </remarks>
internal sealed class SignaturePayloadListJsonConverter() : WrappedItemListJsonConverter<EnvelopePayload>("envelopePayload", "signature payload")
{
    /// <inheritdoc />
    protected override bool TryReadValue(ref Utf8JsonReader reader, JsonSerializerOptions options, [MaybeNullWhen(false)] out EnvelopePayload value)
    {
        value = reader.TokenType == JsonTokenType.StartObject ? JsonSerializer.Deserialize(ref reader, EnvelopeTypeInfo(options)) : null;
        return value is not null;
    }

    /// <inheritdoc />
    protected override void WriteValue(Utf8JsonWriter writer, EnvelopePayload value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, EnvelopeTypeInfo(options));

    private static JsonTypeInfo<EnvelopePayload> EnvelopeTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<EnvelopePayload>)options.GetTypeInfo(typeof(EnvelopePayload));
}
