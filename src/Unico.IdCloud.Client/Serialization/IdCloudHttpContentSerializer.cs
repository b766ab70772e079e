using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Refit;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// Refit's serializer for the IDCloud contracts: System.Text.Json through the source-generated
/// <see cref="IdCloudJsonContext"/> only (no reflection, trim- and AOT-safe), and the checks a typed answer needs
/// beyond its JSON shape, so that a generated Refit interface never returns an envelope without its payload.
/// </summary>
/// <remarks>
/// <para>
/// Every request carries a <c>Content-Length</c> (servers and proxies that refuse chunked request bodies exist, and a
/// simple one reads a chunked body as empty). CreateProcess, whose documents can be tens of MB, goes through
/// <see cref="IdCloudCreateProcessContent"/>, which computes its length and base64-encodes the documents slice by slice
/// onto the request stream, so no copy of them is kept; the other bodies are small and are serialized to bytes once.
/// </para>
/// <para>
/// A body that is not the documented shape throws: <see cref="JsonException"/> from the deserializer, or
/// <see cref="IdCloudUnreadableBodyException"/> for a readable body whose payload is missing (<c>"process": null</c>,
/// a process without its id or state: both are <c>required</c> in the contract, so a missing one is already a
/// <see cref="JsonException"/>, and a null or empty one is caught here) or not usable (<c>fileContents</c> that is not base64). Refit hands both to the SDK's deserialization exception
/// factory, which turns them into an <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.InvalidResponse"/>.
/// </para>
/// <para>
/// The generated interface does not ask this serializer for inline files: Refit buffers every body before calling it,
/// so <c>GetSelfieAsync</c>/<c>GetEvidenceSetAsync</c> decode the unread body themselves with
/// <see cref="IdCloudFileEnvelopeReader"/>, which this serializer also uses when asked for an <see cref="IdCloudFile"/>.
/// </para>
/// </remarks>
internal sealed class IdCloudHttpContentSerializer : IHttpContentSerializer, ISynchronousContentSerializer
{
    private readonly JsonSerializerContext _context;

    public IdCloudHttpContentSerializer(JsonSerializerContext? context = null) => _context = context ?? IdCloudJsonContext.Default;

    public HttpContent ToHttpContent<T>(T item)
    {
        if (item is CreateProcessRequest request)
        {
            return new IdCloudCreateProcessContent(request);
        }

        // The other bodies are small (a by Client capture is its largest, and the caller already holds it as a string):
        // serialized to bytes once, so the request carries a Content-Length and a resend writes the same bytes.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(item, TypeInfo<T>()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <inheritdoc cref="ToHttpContent{T}"/>
    /// <remarks>The SDK's contents are already what Refit's buffered mode asks for: complete, sized and re-sendable.</remarks>
    public HttpContent ToHttpContentSynchronous<T>(T item) => ToHttpContent(item);

    /// <inheritdoc cref="ToHttpContent{T}"/>
    /// <remarks>What the SDK's settings use (<c>RequestBodySerializationMode.Streamed</c>): the content is sent as it is.</remarks>
    public HttpContent ToStreamingHttpContent<T>(T item) => ToHttpContent(item);

    public async Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);

        // The generated Refit interfaces return the payload of the wire envelopes (x-idcloud-envelope in the contract):
        // read the envelope, check it, hand back what it carries.
        if (typeof(T) == typeof(IdCloudProcess))
        {
            var envelope = await ReadCheckedAsync<ProcessResponse>(content, cancellationToken).ConfigureAwait(false);
            return (T)(object)envelope!.Process;
        }

        if (typeof(T) == typeof(ProcessDocument))
        {
            var envelope = await ReadCheckedAsync<SetProcessDocumentResponse>(content, cancellationToken).ConfigureAwait(false);
            return (T)(object)envelope!.Process;
        }

        if (typeof(T) == typeof(IdCloudFile))
        {
            // The generated interface decodes its inline files itself (Refit would buffer the whole body before calling
            // this serializer); any other typed use decodes the same way, streamed.
            return (T)(object)await IdCloudFileEnvelopeReader.DecodeAsync(content, cancellationToken).ConfigureAwait(false);
        }

        return await ReadCheckedAsync<T>(content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> ReadCheckedAsync<T>(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        T? value;
        await using (stream.ConfigureAwait(false))
        {
            value = await JsonSerializer.DeserializeAsync(stream, TypeInfo<T>(), cancellationToken).ConfigureAwait(false);
        }

        Check(value);
        return value;
    }

    public string? GetFieldNameForProperty(PropertyInfo propertyInfo)
    {
        ArgumentNullException.ThrowIfNull(propertyInfo);
        return propertyInfo.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
    }

    /// <summary>Fails for a body that is valid JSON but not a usable answer.</summary>
    private static void Check<T>(T? value)
    {
        switch (value)
        {
            case null:
                throw new IdCloudUnreadableBodyException($"{typeof(T).Name} (the body is JSON null)");
            case ProcessResponse { Process: null }:
                throw new IdCloudUnreadableBodyException("a process (\"process\" is null)");
            case ProcessResponse { Process.Id: null or "" }:
                // The id is declared non-nullable, but System.Text.Json on net8.0 does not enforce nullability.
                throw new IdCloudUnreadableBodyException("a process (\"process.id\" is null or empty)");
            case ProcessResponse { Process.State.Value: "" }:
                throw new IdCloudUnreadableBodyException("a process (\"process.state\" is empty)");
            case SetProcessDocumentResponse { Process: null }:
                throw new IdCloudUnreadableBodyException("a process (\"process\" is null)");
            case FileContentsResponse { FileContents: null }:
                throw new IdCloudUnreadableBodyException("a file (\"fileContents\" is null)");
            case FileContentsResponse { FileContents: { } contents } when !contents.TryGetBytes(out _):
                throw new IdCloudUnreadableBodyException("a file (\"fileContents\" is not valid base64)");
        }
    }

    private JsonTypeInfo<T> TypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new NotSupportedException($"{typeof(T).Name} is not part of the IDCloud contract (IdCloudJsonContext).");
}
