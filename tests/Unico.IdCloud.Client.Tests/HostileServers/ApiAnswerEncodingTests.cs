using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// API answers whose bytes are encoded oddly, over a real socket: a content encoding the SDK did or did not ask for,
/// a broken or explosive one, a byte order mark, an odd charset. Each is read as JSON when it is JSON, and otherwise
/// becomes an <see cref="IdCloudException"/> — never a raw <see cref="InvalidDataException"/> and never unbounded memory.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class ApiAnswerEncodingTests
{
    private const string ProcessId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private const string ByClientId = "8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11";
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(15);
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{i * 7919 % 10007} 0 obj\n")) + "%%EOF\n");
    private static readonly byte[] ProcessJson = Encoding.ASCII.GetBytes("{\"process\":{\"id\":\"" + ProcessId + "\",\"state\":\"PROCESS_STATE_CREATED\"}}");

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task A_compressed_answer_is_read(string encoding)
    {
        await using var server = Answering("200 OK", $"Content-Type: application/json\nContent-Encoding: {encoding}", Compress(encoding, ProcessJson));
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var process = await app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(ProcessId, process.Id);
    }

    public static TheoryData<string, byte[]> BrokenEncodings => new()
    {
        { "br", Compress("gzip", ProcessJson) },
        { "gzip", Encoding.ASCII.GetBytes("this is not gzip at all, just text") },
        { "gzip", Compress("gzip", ProcessJson)[..20] },
        { "deflate", [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x02] },
    };

    /// <summary>Compressed bytes that do not decompress: the decoder itself fails (InvalidDataException).</summary>
    public static TheoryData<string, byte[]> CorruptEncodings => new()
    {
        { "gzip", Encoding.ASCII.GetBytes("this is not gzip at all, just text") },
        { "deflate", [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x02] },
    };

    [Fact]
    public async Task A_json_answer_marked_with_an_encoding_the_sdk_does_not_know_is_read_as_it_is()
    {
        // The handler decodes only what it asked for (gzip, deflate); other encodings pass through, and plain JSON reads.
        await using var server = Answering("200 OK", "Content-Type: application/json\nContent-Encoding: zstd", ProcessJson);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var process = await app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack);

        Assert.Equal(ProcessId, process.Id);
    }

    [Theory]
    [MemberData(nameof(BrokenEncodings))]
    public async Task A_success_answer_in_a_broken_or_unknown_encoding_is_a_typed_error(string encoding, byte[] body)
    {
        await using var server = Answering("200 OK", $"Content-Type: application/json\nContent-Encoding: {encoding}", body);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));

        Assert.True(error.Kind is IdCloudErrorKind.InvalidResponse or IdCloudErrorKind.Transport, $"Kind {error.Kind}");
    }

    [Theory]
    [MemberData(nameof(BrokenEncodings))]
    public async Task A_by_client_answer_in_a_broken_or_unknown_encoding_is_a_typed_error(string encoding, byte[] body)
    {
        await using var server = Answering("200 OK", $"Content-Type: application/json\nContent-Encoding: {encoding}", body);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ByClientId).WaitAsync(Slack));

        Assert.True(error.Kind is IdCloudErrorKind.InvalidResponse or IdCloudErrorKind.Transport, $"Kind {error.Kind}");
    }

    [Theory]
    [MemberData(nameof(BrokenEncodings))]
    public async Task An_error_answer_in_a_broken_or_unknown_encoding_keeps_its_status(string encoding, byte[] body)
    {
        await using var server = Answering("404 Not Found", $"Content-Type: application/json\nContent-Encoding: {encoding}", body);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));

        Assert.Equal(IdCloudErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("500 Internal Server Error", IdCloudErrorKind.ServerError)]
    [InlineData("403 Forbidden", IdCloudErrorKind.PermissionDenied)]
    public async Task A_by_client_error_whose_compressed_body_is_corrupt_keeps_its_status(string status, IdCloudErrorKind kind)
    {
        // The by Client handler peeks at 500 (10700) and 403 (10501/10502) bodies; a decoder failure there is no code.
        foreach (var (encoding, body) in new[] { ("gzip", Encoding.ASCII.GetBytes("this is not gzip at all, just text")), ("deflate", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x02 }) })
        {
            await using var server = Answering(status, $"Content-Type: application/json\nContent-Encoding: {encoding}", body);
            await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

            var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ByClientId).WaitAsync(Slack));

            Assert.Equal(kind, error.Kind);
        }
    }

    /// <summary>gzip bodies that do not decode to what was sent: garbage, cut inside the data, cut inside the trailer, altered.</summary>
    public static TheoryData<string, byte[]> CorruptGzipPdfs()
    {
        var gzip = Compress("gzip", Pdf);
        var altered = gzip.ToArray();
        altered[^6] ^= 0x01;
        return new()
        {
            { "garbage", Encoding.ASCII.GetBytes("this is not gzip at all, just text") },
            { "cut inside the data", gzip[..(gzip.Length / 2)] },
            { "cut inside the trailer", gzip[..^3] },
            { "trailer without its length", gzip[..^4] },
            { "checksum altered", altered },
            { "followed by junk", [.. gzip, .. "junk"u8.ToArray()] },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptGzipPdfs))]
    public async Task A_signed_document_whose_gzip_does_not_decode_to_what_was_sent_is_an_invalid_response_never_a_short_file(string name, byte[] body)
    {
        // .NET's own gzip decoder ends quietly where the bytes stop, so a cut body would have been a truncated PDF.
        _ = name;
        await using var server = Answering("200 OK", "Content-Type: application/pdf\nContent-Encoding: gzip", body);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await SignedDocumentDownloadFailureAsync(app);

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("GetSignedDocument", error.Operation);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Theory]
    [MemberData(nameof(CorruptEncodings))]
    public async Task A_success_answer_whose_compressed_bytes_are_corrupt_is_an_invalid_response_not_a_raw_exception(string encoding, byte[] body)
    {
        // The process API asks for gzip and deflate, and its socket handler decodes them.
        await using var server = Answering("200 OK", $"Content-Type: application/json\nContent-Encoding: {encoding}", body);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("GetProcess", error.Operation);
    }

    [Fact]
    public async Task A_signed_document_is_asked_for_without_compression_and_decoded_and_verified_when_it_comes_in_gzip_anyway()
    {
        string? requestHead = null;
        var gzip = Compress("gzip", Pdf);
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            requestHead = head;
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/pdf\nContent-Encoding: gzip\nContent-Length: {gzip.Length}\n", ct);
            await stream.WriteAsync(gzip, ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        using var download = await app.GetRequiredService<IIdCloudSignatureClient>().GetSignedDocumentAsync("doc-1").WaitAsync(Slack);
        using var copy = new MemoryStream();
        await download.CopyToAsync(copy).WaitAsync(Slack);

        Assert.Equal(Pdf, copy.ToArray());
        Assert.Null(download.ContentLength);   // the announced length was the compressed one
        Assert.Contains("\r\nAccept-Encoding: identity\r\n", requestHead, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip of nothing")]
    [InlineData("chunked, nothing")]
    public async Task A_signed_document_that_decodes_to_no_bytes_is_an_invalid_response_not_an_empty_file(string shape)
    {
        // No Content-Length says the body is empty (the gzip member's length is not the file's, a chunked body has none),
        // yet no PDF is empty: a zero-byte "signed document" must not be saved.
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            if (shape == "gzip of nothing")
            {
                // A complete gzip member of zero bytes (header, empty final block, CRC-32 0, length 0): .NET writes nothing for it.
                var empty = Convert.FromHexString("1F8B08000000000000030300" + "00000000" + "00000000");
                await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/pdf\nContent-Encoding: gzip\nContent-Length: {empty.Length}\n", ct);
                await stream.WriteAsync(empty, ct);
            }
            else
            {
                await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/pdf\nTransfer-Encoding: chunked\n", ct);
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
            }
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await SignedDocumentDownloadFailureAsync(app);

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("GetSignedDocument", error.Operation);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_api_error_sent_in_gzip_anyway_keeps_its_description()
    {
        // The signature API is asked for identity and its socket handler decodes nothing; a gateway that compresses its
        // error answers anyway must not turn the service's message into gzip bytes read as text.
        var json = Encoding.UTF8.GetBytes("""{"Message":"Not Found - Documento não existe","StatusCode":404,"Errors":null}""");
        await using var server = Answering("404 Not Found", "Content-Type: application/json\nContent-Encoding: gzip", Compress("gzip", json));
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await SignedDocumentDownloadFailureAsync(app);

        Assert.Equal(IdCloudErrorKind.NotFound, error.Kind);
        Assert.Equal("Not Found - Documento não existe", error.Description);
    }

    [Theory]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("zstd")]
    [InlineData("gzip, br")]
    [InlineData("gzip;q=1")]
    [InlineData("\"gzip\"")]
    [InlineData("br/1")]
    public async Task A_signed_document_in_an_encoding_the_sdk_did_not_ask_for_is_an_invalid_response_not_saved_as_the_file(string encoding)
    {
        // The encoded bytes would otherwise be handed over (and saved) as the PDF.
        await using var server = Answering("200 OK", $"Content-Type: application/pdf\nContent-Encoding: {encoding}", Compress("gzip", "%PDF-1.7\n%%EOF\n"u8.ToArray()));
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await SignedDocumentDownloadFailureAsync(app);

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("GetSignedDocument", error.Operation);
        Assert.Contains("'" + encoding + "' encoding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_bomb_success_answer_is_bounded()
    {
        const long cap = 1024 * 1024;
        var bomb = Compress("gzip", [.. "{\"process\":{\"x\":\""u8, .. Enumerable.Repeat((byte)'a', 256 * 1024 * 1024)]);
        await using var server = Answering("200 OK", "Content-Type: application/json\nContent-Encoding: gzip", bomb);
        await using var app = HostileServerApp.Start(server.BaseAddress, o => o.MaxResponseBodySize = cap);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("MaxResponseBodySize", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task A_gzip_bomb_error_answer_is_bounded()
    {
        var bomb = Compress("gzip", [.. "{\"error\":{\"code\":\"5\",\"description\":\""u8, .. Enumerable.Repeat((byte)'a', 256 * 1024 * 1024)]);
        await using var server = Answering("404 Not Found", "Content-Type: application/json\nContent-Encoding: gzip", bomb);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(IdCloudErrorKind.NotFound, error.Kind);
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("text/plain")]
    [InlineData("")]
    public async Task A_utf8_json_answer_with_an_odd_content_type_or_a_bom_is_read(string contentType)
    {
        foreach (var body in new[] { ProcessJson, [0xEF, 0xBB, 0xBF, .. ProcessJson] })
        {
            await using var server = Answering("200 OK", contentType.Length == 0 ? "X-None: 1" : "Content-Type: " + contentType, body);
            await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

            var process = await app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack);

            Assert.Equal(ProcessId, process.Id);
        }
    }

    [Theory]
    [InlineData("application/json; charset=bogus")]
    [InlineData("text/html; charset=\"")]
    public async Task An_error_answer_with_an_odd_charset_keeps_its_code(string contentType)
    {
        await using var server = Answering("404 Not Found", "Content-Type: " + contentType, """{"error":{"code":"5","description":"not found"}}"""u8.ToArray());
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudApiException>(() => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId).WaitAsync(Slack));

        Assert.Equal(IdCloudErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task A_by_client_403_with_a_gzip_body_is_still_recognised_as_a_token_rejection()
    {
        var calls = 0;
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            if (Interlocked.Increment(ref calls) == 1)
            {
                var body = Compress("gzip", """{"error":{"code":"10502","description":"expired token"}}"""u8.ToArray());
                await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 403 Forbidden\nContent-Type: application/json\nContent-Encoding: gzip\nContent-Length: {body.Length}\n", ct);
                await stream.WriteAsync(body, ct);
                return;
            }

            await RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.ASCII.GetBytes($$"""{"id":"{{ByClientId}}","status":1}"""), ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        await app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ByClientId).WaitAsync(Slack);

        Assert.Equal(2, calls);
    }

    /// <summary>Downloads the signed document to the end and returns the SDK's error (the test fails if there is none).</summary>
    private static Task<IdCloudException> SignedDocumentDownloadFailureAsync(ServiceProvider app) =>
        Assert.ThrowsAnyAsync<IdCloudException>(async () =>
        {
            using var download = await app.GetRequiredService<IIdCloudSignatureClient>().GetSignedDocumentAsync("doc-1").WaitAsync(Slack);
            await download.CopyToAsync(Stream.Null).WaitAsync(Slack);
        });

    private static RawHttpServer Answering(string status, string headers, byte[] body) =>
        new(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 {status}\n{headers}\nContent-Length: {body.Length}\n", ct);
            await stream.WriteAsync(body, ct);
        });

    private static byte[] Compress(string encoding, byte[] bytes)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding == "deflate"
            ? new ZLibStream(output, CompressionLevel.Fastest)
            : new GZipStream(output, CompressionLevel.Fastest))
        {
            compressor.Write(bytes);
        }

        return output.ToArray();
    }
}
