using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
using Unico.IdCloud.Client.Tests.Contract;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.Serialization;

/// <summary>The streamed CreateProcess body: the same JSON as the serializer writes, without ever holding a document's base64 whole.</summary>
public sealed class IdCloudCreateProcessContentTests
{
    [Fact]
    public async Task ALargeDocumentIsWrittenInSlicesAndTheJsonIsTheSerializersJson()
    {
        var first = Document(2 * 1024 * 1024 + 1, seed: 1);   // not a multiple of the slice: the last slice is padded
        var second = Document(300 * 1024, seed: 2);
        var request = Request(
            new EnvelopeDocument { DocumentName = "a.pdf", FileContents = first },
            new EnvelopeDocument { DocumentName = "text", FileContentsBase64 = Base64Content.FromBase64String("JVBERi0x") },
            new EnvelopeDocument { DocumentName = "b.pdf", FileContents = second });
        using var content = new IdCloudCreateProcessContent(request);
        var sink = new WriteRecordingStream();

        await content.CopyToAsync(sink);

        // Never one write of a whole document: the largest write is one 64 KiB slice of base64.
        Assert.True(sink.LargestWrite <= 64 * 1024, $"largest write {sink.LargestWrite} bytes");
        Assert.True(sink.Writes > (2 * 1024 * 1024 / (48 * 1024)), $"{sink.Writes} writes");
        JsonAssert.Equivalent(JsonSerializer.Serialize(request, IdCloudJsonContext.Default.CreateProcessRequest), sink.Text);
        using var sent = JsonDocument.Parse(sink.Text);
        var documents = sent.RootElement.GetProperty("payload")[0].GetProperty("envelopePayload").GetProperty("documents");
        Assert.Equal(first, documents[0].GetProperty("fileContents").GetBytesFromBase64());
        Assert.Equal("JVBERi0x", documents[1].GetProperty("fileContents").GetString());
        Assert.Equal(second, documents[2].GetProperty("fileContents").GetBytesFromBase64());
        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", content.Headers.ContentType.CharSet);
        Assert.Equal(sink.Length, content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("create-process-request")]
    [InlineData("create-process-request-idtokensign")]
    [InlineData("create-process-request-idlive")]
    public async Task VendorRequestsAreWrittenExactlyLikeTheSerializerWritesThem(string fixture)
    {
        var request = JsonSerializer.Deserialize(VendorFixtures.Read(fixture), IdCloudJsonContext.Default.CreateProcessRequest)!;
        using var content = new IdCloudCreateProcessContent(request);

        var text = await content.ReadAsStringAsync();

        Assert.Equal(JsonSerializer.Serialize(request, IdCloudJsonContext.Default.CreateProcessRequest), text);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), content.Headers.ContentLength);
    }

    [Fact]
    public async Task TextThatLooksLikeTheMarkerFallsBackToTheOrdinarySerialization()
    {
        var request = Request(new EnvelopeDocument { DocumentName = "a.pdf", FileContents = Document(10, seed: 3) });
        request.ClientReference = "\u0001Unico.IdCloud.StreamedDocument\u0001";
        using var content = new IdCloudCreateProcessContent(request);

        var text = await content.ReadAsStringAsync();

        Assert.Equal(JsonSerializer.Serialize(request, IdCloudJsonContext.Default.CreateProcessRequest), text);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), content.Headers.ContentLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(48 * 1024)]
    [InlineData(48 * 1024 + 1)]
    public async Task EscapedAndNonAsciiTextAndEdgeSizesAnnounceTheBytesWrittenOnEverySend(int size)
    {
        // Escapes (\", \u2028, control characters), multi-byte UTF-8 and a surrogate pair around documents whose base64
        // ends on each padding case; sent twice, as the 401 resend does, after the length was taken.
        var request = Request(
            new EnvelopeDocument { DocumentName = "ação \"1\" \u2028 😀 \u0002", FileContents = Document(size, seed: size) },
            new EnvelopeDocument { DocumentName = "b.pdf", FileContents = Document(size + 1, seed: 7) });
        request.ClientReference = "<script>&'\\";
        using var content = new IdCloudCreateProcessContent(request);
        var announced = content.Headers.ContentLength;

        for (var send = 0; send < 2; send++)
        {
            var sink = new WriteRecordingStream();
            await content.CopyToAsync(sink);
            Assert.Equal(announced, sink.Length);
            JsonAssert.Equivalent(JsonSerializer.Serialize(request, IdCloudJsonContext.Default.CreateProcessRequest), sink.Text);
        }
    }

    private static CreateProcessRequest Request(params EnvelopeDocument[] documents) => new()
    {
        CallbackUri = "/",
        Flow = Flow.IdUnicoSign,
        Purpose = Purpose.CreditProcess,
        Payload = [new EnvelopePayload { Documents = documents }],
    };

    private static byte[] Document(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private sealed class WriteRecordingStream : Stream
    {
        private readonly MemoryStream _inner = new();

        public int LargestWrite { get; private set; }

        public int Writes { get; private set; }

        public string Text => System.Text.Encoding.UTF8.GetString(_inner.ToArray());

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Record(buffer.AsSpan(offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Record(buffer.Span);
            return ValueTask.CompletedTask;
        }

        private void Record(ReadOnlySpan<byte> bytes)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, bytes.Length);
            _inner.Write(bytes);
        }
    }
}
