using System.Net.Http.Json;
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
/// Requests are serialized straight to the request stream on every send (<see cref="JsonContent"/>; CreateProcess,
/// whose documents can be tens of MB, through <see cref="IdCloudCreateProcessContent"/>, which base64-encodes them
/// slice by slice): no <c>Content-Length</c> is computed up front, no copy of the body is kept, and a retry of the
/// same message serializes again.
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
internal sealed class IdCloudHttpContentSerializer : IHttpContentSerializer
{
    private readonly JsonSerializerContext _context;

    public IdCloudHttpContentSerializer(JsonSerializerContext? context = null) => _context = context ?? IdCloudJsonContext.Default;

    public HttpContent ToHttpContent<T>(T item) =>
        item is CreateProcessRequest request ? new IdCloudCreateProcessContent(request) : JsonContent.Create(item, TypeInfo<T>());

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
