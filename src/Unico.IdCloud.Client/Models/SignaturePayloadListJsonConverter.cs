using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
internal sealed class SignaturePayloadListJsonConverter : JsonConverter<IList<EnvelopePayload>>
{
    private const string EnvelopeProperty = "envelopePayload";

    /// <inheritdoc />
    public override IList<EnvelopePayload> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array of signature payloads but found {reader.TokenType}.");
        }

        var typeInfo = EnvelopeTypeInfo(options);
        var envelopes = new List<EnvelopePayload>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a signature payload object but found {reader.TokenType}.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isEnvelope = reader.ValueTextEquals(EnvelopeProperty);
                reader.Read();
                if (isEnvelope && reader.TokenType == JsonTokenType.StartObject && JsonSerializer.Deserialize(ref reader, typeInfo) is { } envelope)
                {
                    envelopes.Add(envelope);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return envelopes;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IList<EnvelopePayload> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var typeInfo = EnvelopeTypeInfo(options);
        writer.WriteStartArray();
        foreach (var envelope in value)
        {
            writer.WriteStartObject();
            if (envelope is not null)
            {
                writer.WritePropertyName(EnvelopeProperty);
                JsonSerializer.Serialize(writer, envelope, typeInfo);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static JsonTypeInfo<EnvelopePayload> EnvelopeTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<EnvelopePayload>)options.GetTypeInfo(typeof(EnvelopePayload));
}
