using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// The body of CreateProcess, streamed: the documents to sign (a 20 MB PDF is ~27 MB of base64) are base64-encoded
/// in 48 KiB slices straight onto the request stream, never as one base64 string or one JSON buffer.
/// </summary>
/// <remarks>
/// <para>
/// System.Text.Json writes a string value whole into its buffer, so a document cannot be streamed through the
/// serializer itself. Instead, the request is serialized once with a converter that writes a marker in place of each
/// document held as bytes (a few KB of JSON), and the marker tokens are replaced, in order, by the documents' base64
/// while copying to the stream. Documents are the only <see cref="Base64Content"/> of a request
/// (<c>payload[].envelopePayload.documents[].fileContents</c>, <see cref="EnvelopeDocument.FileContents"/>) and are serialized in array order, which is the order of
/// <see cref="Documents"/>. If the marker count ever disagrees (a caller's text containing the marker), the body is
/// serialized the ordinary way instead: correct, just not streamed.
/// </para>
/// <para>
/// The length is known without holding the body: the skeleton's length, minus the markers, plus each document's base64
/// length (4 bytes per started 3) and its two quotes. So the request carries a <c>Content-Length</c> instead of going
/// out chunked, which some servers and proxies refuse or read as an empty body. The skeleton is made once per content
/// (the length and the bytes must agree); a second send (the 401 resend) writes the same skeleton and documents again.
/// </para>
/// </remarks>
internal sealed class IdCloudCreateProcessContent : HttpContent
{
    /// <summary>Raw bytes per base64 slice: a multiple of 3 (no padding mid-document), 64 KiB of base64.</summary>
    private const int SliceBytes = 3 * 16 * 1024;

    private const string MarkerText = "\u0001Unico.IdCloud.StreamedDocument\u0001";

    private static readonly IdCloudJsonContext MarkerContext = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new ProtobufDurationJsonConverter(), new ProtobufTimestampJsonConverter(), new MarkerConverter() },
    });

    /// <summary>The marker exactly as the serializer writes it (quotes and escapes included).</summary>
    private static readonly byte[] MarkerToken = JsonSerializer.SerializeToUtf8Bytes(MarkerText, IdCloudJsonContext.Default.String);

    private PreparedBody? _prepared;

    public IdCloudCreateProcessContent(CreateProcessRequest request)
    {
        Request = request ?? throw new ArgumentNullException(nameof(request));
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    /// <summary>The request this content writes.</summary>
    public CreateProcessRequest Request { get; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var prepared = Prepare();
        if (prepared.Documents is null)
        {
            await stream.WriteAsync(prepared.Json, cancellationToken).ConfigureAwait(false);
            return;
        }

        var skeleton = prepared.Json;
        var buffer = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(SliceBytes) + 2);
        try
        {
            var position = 0;
            foreach (var document in prepared.Documents)
            {
                var marker = skeleton.AsSpan(position).IndexOf(MarkerToken) + position;
                await stream.WriteAsync(skeleton.AsMemory(position, marker - position), cancellationToken).ConfigureAwait(false);
                await WriteBase64StringAsync(stream, document, buffer, cancellationToken).ConfigureAwait(false);
                position = marker + MarkerToken.Length;
            }

            await stream.WriteAsync(skeleton.AsMemory(position), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Prepare().Length;
        return true;
    }

    /// <summary>
    /// The skeleton and the documents, made on first use and kept, so that the announced length and the written bytes
    /// come from one serialization.
    /// </summary>
    private PreparedBody Prepare()
    {
        if (_prepared is { } prepared)
        {
            return prepared;
        }

        var documents = Documents(Request);
        var skeleton = JsonSerializer.SerializeToUtf8Bytes(Request, MarkerContext.CreateProcessRequest);
        if (CountMarkers(skeleton) != documents.Count)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(Request, IdCloudJsonContext.Default.CreateProcessRequest);
            return _prepared = new PreparedBody(json, null, json.Length);
        }

        long length = skeleton.Length - ((long)documents.Count * MarkerToken.Length);
        foreach (var document in documents)
        {
            length += 2 + Base64EncodedLength(document.Length);
        }

        return _prepared = new PreparedBody(skeleton, documents, length);
    }

    /// <summary>Padded base64: 4 characters for every started group of 3 bytes (computed in 64 bits: 2 GB of input is 2.7 GB).</summary>
    private static long Base64EncodedLength(int bytes) => ((bytes + 2L) / 3) * 4;

    /// <summary>The documents held as bytes, in serialization order (those held as text are written by the serializer).</summary>
    internal static List<ReadOnlyMemory<byte>> Documents(CreateProcessRequest request)
    {
        var documents = new List<ReadOnlyMemory<byte>>();
        foreach (var envelope in request.Payload ?? [])
        {
            foreach (var document in envelope?.Documents ?? [])
            {
                if (document?.FileContentsBase64 is { RawText: null } contents)
                {
                    documents.Add(contents.GetBytes());
                }
            }
        }

        return documents;
    }

    private static int CountMarkers(ReadOnlySpan<byte> json)
    {
        var count = 0;
        int index;
        while ((index = json.IndexOf(MarkerToken)) >= 0)
        {
            count++;
            json = json[(index + MarkerToken.Length)..];
        }

        return count;
    }

    private static async ValueTask WriteBase64StringAsync(Stream stream, ReadOnlyMemory<byte> bytes, byte[] buffer, CancellationToken cancellationToken)
    {
        buffer[0] = (byte)'"';
        await stream.WriteAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false);
        for (var offset = 0; offset < bytes.Length; offset += SliceBytes)
        {
            var slice = bytes.Slice(offset, Math.Min(SliceBytes, bytes.Length - offset));
            Base64.EncodeToUtf8(slice.Span, buffer, out _, out var written, isFinalBlock: true);
            await stream.WriteAsync(buffer.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
        }

        buffer[0] = (byte)'"';
        await stream.WriteAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false);
    }

    /// <param name="Json">The skeleton (with a marker per document), or the whole body when <paramref name="Documents"/> is null.</param>
    /// <param name="Documents">The documents to write in place of the markers, in order; null when the body is written whole.</param>
    /// <param name="Length">The exact number of bytes written.</param>
    private sealed record PreparedBody(byte[] Json, List<ReadOnlyMemory<byte>>? Documents, long Length);

    /// <summary>Writes the marker for content held as bytes, and text content as it is (like the real converter).</summary>
    private sealed class MarkerConverter : JsonConverter<Base64Content>
    {
        public override Base64Content Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Only used to write requests.");

        public override void Write(Utf8JsonWriter writer, Base64Content value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.RawText ?? MarkerText);
    }
}
