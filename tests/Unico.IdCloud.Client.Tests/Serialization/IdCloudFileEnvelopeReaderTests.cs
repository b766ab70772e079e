using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Client.Tests.Serialization;

/// <summary>
/// The streamed decoder of inline files (selfie, evidence set): the same answers as System.Text.Json deserializing the
/// envelope and decoding its base64 (the reference below), whatever the body's chunking, member order, escapes and
/// white space, without ever holding the base64 text whole.
/// </summary>
public sealed class IdCloudFileEnvelopeReaderTests
{
    public static TheoryData<int> Chunks => [1, 2, 3, 5, 7, 64, 4096, int.MaxValue];

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task DecodesTheFileAndItsMediaTypeWhateverTheChunking(int chunk)
    {
        foreach (var length in new[] { 0, 1, 2, 3, 4, 5, 6, 100, 65_537, 300_001 })
        {
            var bytes = Bytes(length, seed: length);
            var json = $$"""{"fileContents":"{{Convert.ToBase64String(bytes)}}","contentType":"x-pdf"}""";

            var file = await DecodeAsync(json, chunk);

            Assert.Equal(bytes, file.Content.ToArray());
            Assert.Equal("application/pdf", file.ContentType);
        }
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task JsonEscapesAndWhiteSpaceInsideTheBase64AreDecodedLikeTheDeserializerDoes(int chunk)
    {
        var bytes = Bytes(10_000, seed: 3);
        var base64 = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks) // \r\n every 76 characters
            .Replace("\r\n", "\\r\\n", StringComparison.Ordinal)
            .Replace("/", "\\/", StringComparison.Ordinal)
            .Replace("+", "\\u002B", StringComparison.Ordinal)
            .Replace("=", "\\u003d", StringComparison.Ordinal)
            .Replace("A", "\\u0041", StringComparison.Ordinal)
            .Replace("Q", " Q", StringComparison.Ordinal);
        var json = $$"""{ "contentType" : "image\/jpeg" , "fileContents" :   "{{base64}}" }""";

        var file = await DecodeAsync(json, chunk);

        Assert.Equal(bytes, file.Content.ToArray());
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal(bytes, (await ReferenceAsync(json))!.Value.Bytes);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task UnknownMembersAnywhereAreSkippedEvenWhenLargerThanTheReadWindow(int chunk)
    {
        var bytes = Bytes(1000, seed: 4);
        var large = new string('x', 200_000);
        var json = $$"""
            {"before":{"nested":[1,{"deep":"{{large}}"},null],"fileContents":"not this one"},
             "fileContents":"{{Convert.ToBase64String(bytes)}}",
             "after":"{{large}}","n":-1.5e3,"t":true}
            """;

        var file = await DecodeAsync(json, chunk);

        Assert.Equal(bytes, file.Content.ToArray());
        Assert.Equal("application/octet-stream", file.ContentType);
    }

    public static TheoryData<string, Type> UnreadableBodies => new()
    {
        { "", typeof(JsonException) },
        { "   ", typeof(JsonException) },
        { "null", typeof(IdCloudUnreadableBodyException) },
        { "[]", typeof(JsonException) },
        { "\"AAAA\"", typeof(JsonException) },
        { "{}", typeof(IdCloudUnreadableBodyException) },
        { """{"contentType":"x-pdf"}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":null}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":12}""", typeof(JsonException) },
        { """{"fileContents":{"a":"AAAA"}}""", typeof(JsonException) },
        { """{"fileContents":"AAAA","contentType":5}""", typeof(JsonException) },
        { """{"fileContents":"AAAA","fileContents":"AAAA"}""", typeof(JsonException) },
        { """{"fileContents":"not base64!"}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"AAA"}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"AA==AAAA"}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"A==="}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"AAA=="}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"AAAA="}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"AA\"AA"}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"AAA\u00e9"}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"JVBERi0x[...]Cg=="}""", typeof(IdCloudUnreadableBodyException) },
        { """{"fileContents":"AA\qA"}""", typeof(JsonException) },
        { """{"fileContents":"AA\u00ZZ"}""", typeof(JsonException) },
        { "{\"fileContents\":\"AA\tAA\"}", typeof(JsonException) },
        { """{"fileContents":"AAAA""", typeof(JsonException) },
        { """{"fileContents":"AAAA" """, typeof(JsonException) },
        { """{"fileContents":""", typeof(JsonException) },
        { """{"fileContents":"AAAA"} x""", typeof(JsonException) },
        { """{"fileContents":"AAAA"}{}""", typeof(JsonException) },
        { "<html><body>Sign in</body></html>", typeof(JsonException) },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task ABodyThatIsNotAUsableFileEnvelopeFailsAsTheSerializersFailuresDo(string json, Type expected)
    {
        foreach (var chunk in new[] { 1, 3, int.MaxValue })
        {
            var exception = await Assert.ThrowsAnyAsync<Exception>(() => DecodeAsync(json, chunk));

            Assert.IsAssignableFrom(expected, exception);
            Assert.DoesNotContain("base64!", exception.Message, StringComparison.Ordinal);
        }

        // The reference fails too (it accepts a repeated member, the last one winning; this decoder refuses it).
        if (!json.Contains("\"fileContents\":\"AAAA\",\"fileContents\"", StringComparison.Ordinal))
        {
            Assert.Null(await ReferenceAsync(json));
        }
    }

    /// <summary>
    /// Random envelopes, valid and broken (mutated base64, escapes, white space, members in any order, bodies cut
    /// short), through random chunkings: this decoder accepts exactly what the reference accepts, with the same bytes.
    /// </summary>
    [Fact]
    public async Task AgreesWithTheDeserializerOnRandomEnvelopes()
    {
        var random = new Random(20261201);
        var accepted = 0;
        for (var i = 0; i < 3000; i++)
        {
            var json = RandomEnvelope(random);
            var chunk = random.Next(4) == 0 ? int.MaxValue : random.Next(1, 40);

            var expected = await ReferenceAsync(json);
            IdCloudFile? actual = null;
            try
            {
                actual = await DecodeAsync(json, chunk, declareLength: random.Next(2) == 0);
            }
            catch (Exception ex) when (ex is JsonException or IdCloudUnreadableBodyException)
            {
            }

            Assert.True((expected is null) == (actual is null), $"Reference {(expected is null ? "refused" : "accepted")} what this decoder {(actual is null ? "refused" : "accepted")}: {Shorten(json)}");
            if (expected is { } reference)
            {
                accepted++;
                Assert.Equal(reference.Bytes, actual!.Content.ToArray());
                Assert.Equal(new IdCloudFile(Array.Empty<byte>(), reference.ContentType).ContentType, actual.ContentType);
            }
        }

        // Both outcomes were exercised in quantity.
        Assert.InRange(accepted, 500, 2500);
    }

    [Fact]
    public async Task WithADeclaredLengthTheFileIsDecodedIntoOneArrayOfAboutItsSize()
    {
        var bytes = Bytes(1_000_000, seed: 5);
        var json = $$"""{"fileContents":"{{Convert.ToBase64String(bytes)}}","contentType":"x-pdf"}""";

        var file = await DecodeAsync(json, chunk: 16 * 1024, declareLength: true);

        Assert.True(MemoryMarshal.TryGetArray(file.Content, out var segment));
        Assert.Equal(0, segment.Offset);
        Assert.InRange(segment.Array!.Length, bytes.Length, bytes.Length + 64);
        Assert.Equal(bytes, file.Content.ToArray());
    }

    [Fact]
    public async Task ADeclaredLengthAloneDoesNotMakeTheDecoderAllocateIt()
    {
        // A server (or a proxy) declares 60 MB and ends after a few kilobytes: the read fails, and what it cost is
        // bounded by what arrived, not by the header.
        var json = Encoding.UTF8.GetBytes($$"""{"fileContents":"{{Convert.ToBase64String(Bytes(30_000, seed: 10))}}""");
        await using var body = new MemoryStream(json, writable: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decoding = IdCloudFileEnvelopeReader.DecodeAsync(body, declaredLength: 60L * 1024 * 1024, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A MemoryStream completes every read at once: the whole decode ran on this thread, so the count is all of it.
        Assert.True(decoding.IsCompleted);
        await Assert.ThrowsAsync<JsonException>(() => decoding);
        Assert.InRange(allocated, 0, 1024 * 1024);
    }

    [Fact]
    public async Task OnceAnEighthOfTheDeclaredFileArrivedItIsDecodedIntoOneArrayOfItsSize()
    {
        var bytes = Bytes(3_000_000, seed: 12);
        var json = $$"""{"fileContents":"{{Convert.ToBase64String(bytes)}}","contentType":"x-pdf"}""";

        var file = await DecodeAsync(json, chunk: 4096, declareLength: true);

        Assert.True(MemoryMarshal.TryGetArray(file.Content, out var segment));
        Assert.Equal(0, segment.Offset);
        Assert.InRange(segment.Array!.Length, bytes.Length, bytes.Length + 64);
        Assert.Equal(bytes, file.Content.ToArray());
    }

    [Fact]
    public async Task WithoutADeclaredLengthTheFileIsAnArrayOfExactlyItsSize()
    {
        var bytes = Bytes(1_000_001, seed: 6);
        var json = $$"""{"fileContents":"{{Convert.ToBase64String(bytes)}}"}""";

        var file = await DecodeAsync(json, chunk: 16 * 1024, declareLength: false);

        Assert.True(MemoryMarshal.TryGetArray(file.Content, out var segment));
        Assert.Equal(bytes.Length, segment.Array!.Length);
        Assert.Equal(bytes, file.Content.ToArray());
    }

    /// <summary>
    /// The copy to a stream (what the artifact downloader writes to disk with) is the same decoder drained after every
    /// window: it accepts exactly what decoding to an array accepts, with the same bytes and media type, and refuses the
    /// rest as the SDK's <see cref="IdCloudErrorKind.InvalidResponse"/>.
    /// </summary>
    [Fact]
    public async Task CopyingToAStreamAgreesWithDecodingToAnArray()
    {
        var random = new Random(20261202);
        var accepted = 0;
        for (var i = 0; i < 1500; i++)
        {
            var json = random.Next(10) == 0
                ? $$"""{"contentType":"image/jpeg","fileContents":"{{Convert.ToBase64String(Bytes(random.Next(100_000, 300_000), i))}}"}"""
                : RandomEnvelope(random);
            var chunk = random.Next(4) == 0 ? int.MaxValue : random.Next(1, 40);

            IdCloudFile? decoded = null;
            try
            {
                decoded = await DecodeAsync(json, chunk);
            }
            catch (Exception ex) when (ex is JsonException or IdCloudUnreadableBodyException)
            {
            }

            using var destination = new MemoryStream();
            (string ContentType, long Length)? copied = null;
            try
            {
                copied = await CopyAsync(json, chunk, destination);
            }
            catch (IdCloudException ex)
            {
                Assert.Equal(IdCloudErrorKind.InvalidResponse, ex.Kind);
            }

            Assert.True((decoded is null) == (copied is null), $"Decoding {(decoded is null ? "refused" : "accepted")} what copying {(copied is null ? "refused" : "accepted")}: {Shorten(json)}");
            if (decoded is not null)
            {
                accepted++;
                Assert.Equal(decoded.Content.ToArray(), destination.ToArray());
                Assert.Equal(decoded.Content.Length, copied!.Value.Length);
                Assert.Equal(decoded.ContentType, copied.Value.ContentType);
            }
        }

        Assert.InRange(accepted, 300, 1300);
    }

    [Fact]
    public async Task ACopyWritesTheFileAsItArrivesNotAtTheEnd()
    {
        var bytes = Bytes(2_000_000, seed: 7);
        var json = Encoding.UTF8.GetBytes($$"""{"fileContents":"{{Convert.ToBase64String(bytes)}}","contentType":"x-pdf"}""");
        using var destination = new MemoryStream();
        long writtenBeforeTheLastRead = -1;
        var body = new ChunkedStream(json, 16 * 1024)
        {
            BeforeTheLastRead = () => writtenBeforeTheLastRead = destination.Length,
        };

        var (contentType, length) = await IdCloudFileEnvelopeReader.CopyToAsync(
            Task.FromResult<HttpContent>(new StreamContent(body)), "GetEvidenceSetContentAsync", destination, CancellationToken.None);

        Assert.Equal("application/pdf", contentType);
        Assert.Equal(bytes.Length, length);
        Assert.Equal(bytes, destination.ToArray());

        // All but the last window or two of the file was already written when the body's last bytes were read.
        Assert.InRange(writtenBeforeTheLastRead, bytes.Length - (64 * 1024), bytes.Length);
    }

    [Fact]
    public async Task AFailingDestinationIsReportedAsItIsNotAsABadAnswer()
    {
        var json = $$"""{"fileContents":"{{Convert.ToBase64String(Bytes(200_000, seed: 8))}}"}""";

        var exception = await Assert.ThrowsAsync<IOException>(() => CopyAsync(json, 4096, new DiskFullStream()));

        Assert.Equal(DiskFullStream.Message, exception.Message);
    }

    [Fact]
    public async Task ABrokenAnswerCopiedToAStreamIsTheSdksInvalidResponseError()
    {
        var json = $$"""{"fileContents":"{{Convert.ToBase64String(Bytes(200_000, seed: 9))[..150_000]}}!!!"}""";

        var exception = await Assert.ThrowsAsync<IdCloudException>(() => CopyAsync(json, 4096, Stream.Null));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, exception.Kind);
        Assert.Equal("GetEvidenceSet", exception.Operation);
    }

    [Fact]
    public async Task TheCallersCancellationStopsTheRead()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var json = Encoding.UTF8.GetBytes("""{"fileContents":"AAAA"}""");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => IdCloudFileEnvelopeReader.DecodeAsync(new CancellableStream(json), json.Length, cancellation.Token));
    }

    private static async Task<IdCloudFile> DecodeAsync(string json, int chunk, bool declareLength = false)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        await using var stream = new ChunkedStream(bytes, chunk);
        return await IdCloudFileEnvelopeReader.DecodeAsync(stream, declareLength ? bytes.Length : null, CancellationToken.None);
    }

    private static Task<(string ContentType, long Length)> CopyAsync(string json, int chunk, Stream destination) =>
        IdCloudFileEnvelopeReader.CopyToAsync(
            Task.FromResult<HttpContent>(new StreamContent(new ChunkedStream(Encoding.UTF8.GetBytes(json), chunk))),
            "GetEvidenceSetContentAsync",
            destination,
            CancellationToken.None);

    /// <summary>What the SDK did before it streamed: deserialize the envelope, then decode its base64. Null when it fails.</summary>
    private static async Task<(byte[] Bytes, string? ContentType)?> ReferenceAsync(string json)
    {
        try
        {
            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            var envelope = await JsonSerializer.DeserializeAsync(stream, IdCloudJsonContext.Default.FileContentsResponse);
            return envelope?.FileContents is { } contents && contents.TryGetBytes(out var bytes)
                ? (bytes.ToArray(), envelope.ContentType)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string RandomEnvelope(Random random)
    {
        var base64 = new StringBuilder(Convert.ToBase64String(Bytes(random.Next(0, 40), random.Next())));
        switch (random.Next(6))
        {
            case 0:
                // One character replaced by one from outside or inside the alphabet (padding included).
                if (base64.Length > 0)
                {
                    base64[random.Next(base64.Length)] = "!-_.=A/+\u00e9*"[random.Next(10)];
                }

                break;
            case 1:
                if (base64.Length > 0)
                {
                    base64.Remove(random.Next(base64.Length), 1);
                }

                break;
            case 2:
                base64.Insert(random.Next(base64.Length + 1), "= A"[random.Next(3)]);
                break;
        }

        var text = new StringBuilder();
        foreach (var character in base64.ToString())
        {
            text.Append(random.Next(8) switch
            {
                0 when character == '/' => "\\/",
                1 => $"\\u{(int)character:X4}",
                2 => $"\\u{(int)character:x4}",
                3 when character == ' ' => "\\n",
                _ => character.ToString(),
            });
        }

        var members = new List<string> { $"\"fileContents\":{Space(random)}\"{text}\"" };
        if (random.Next(3) != 0)
        {
            members.Add($"\"contentType\":{Space(random)}{(random.Next(4) == 0 ? "null" : "\"x-pdf\"")}");
        }

        if (random.Next(3) == 0)
        {
            members.Add("\"extra\":{\"a\":[1,\"b\",{\"fileContents\":3}],\"c\":null}");
        }

        var shuffled = members.OrderBy(_ => random.Next()).ToList();
        var json = "{" + Space(random) + string.Join("," + Space(random), shuffled) + Space(random) + "}" + Space(random);
        return random.Next(10) == 0 ? json[..random.Next(json.Length)] : json;
    }

    private static string Space(Random random) => random.Next(3) switch
    {
        0 => "",
        1 => " ",
        _ => "\r\n\t ",
    };

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Shorten(string json) => json.Length <= 200 ? json : json[..200] + "...";

    /// <summary>Hands the body out at most <c>chunk</c> bytes per read, as a network does.</summary>
    private sealed class ChunkedStream(byte[] content, int chunk) : MemoryStream(content, writable: false)
    {
        /// <summary>Runs once, just before the read that hands out the body's last bytes.</summary>
        public Action? BeforeTheLastRead { get; init; }

        private bool _lastReadSeen;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Take(count));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Take(buffer.Length)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Take(buffer.Length)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Take(count), cancellationToken);

        private int Take(int count)
        {
            var take = Math.Min(count, chunk);
            if (!_lastReadSeen && Position + take >= Length && Position < Length)
            {
                _lastReadSeen = true;
                BeforeTheLastRead?.Invoke();
            }

            return take;
        }
    }

    /// <summary>A destination that fails its first write, as a full disk does.</summary>
    private sealed class DiskFullStream : MemoryStream
    {
        public const string Message = "No space left on device";

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException(Message);

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException(Message);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException(Message));

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException(new IOException(Message));
    }

    /// <summary>A body whose reads honour the token, as a network stream's do.</summary>
    private sealed class CancellableStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
