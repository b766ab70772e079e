using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>
/// Answers IDCloud requests from memory, with no socket, so a benchmark measures the client alone. The SDK (as the
/// primary handler of its named clients) and the hand-written baseline send to the same instance and get the same
/// bytes back. Bodies are built once; each response wraps them without copying.
/// </summary>
/// <remarks>
/// Holds nothing to release, so the IHttpClientFactory disposing it on handler rotation does no harm to the other
/// clients that share it.
/// </remarks>
internal sealed class InMemoryIdCloudHandler : HttpMessageHandler
{
    public const string AccessToken = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJiZW5jaG1hcmsifQ.c2lnbmF0dXJl";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue Pdf = new("application/pdf");

    private readonly byte[] getProcessBody = VendorExamples.GetProcessJson;
    private readonly byte[] createProcessBody = VendorExamples.CreateProcessJson;
    private readonly byte[] tokenBody = Encoding.UTF8.GetBytes(
        "{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");

    private int tokenRequests;
    private long lastRequestBodyLength;

    /// <summary>The GetSelfie body: a few bytes of JPEG, enough for the artifact downloader's pass.</summary>
    public static readonly byte[] SelfieBody = """{"fileContents":"/9j/4AAQSkZJRg==","contentType":"image/jpeg"}"""u8.ToArray();

    /// <summary>The GetEvidenceSet body (<c>{"fileContents":"&lt;base64&gt;","contentType":"x-pdf"}</c>), if set.</summary>
    public byte[]? EvidenceSetBody { get; set; }

    /// <summary>
    /// Whether the GetEvidenceSet answer declares its length (<c>Content-Length</c>); when not, it arrives like a chunked
    /// answer, and a client cannot size anything from the headers.
    /// </summary>
    public bool EvidenceSetLengthDeclared { get; set; } = true;

    /// <summary>The size of the signed PDF the signature API streams (generated on the fly, never held in memory).</summary>
    public long SignedDocumentSize { get; set; } = 1024;

    /// <summary>
    /// Whether every answer completes asynchronously (after a <see cref="Task.Yield"/>), as a socket's does, instead of
    /// synchronously: every <c>await</c> above the handler then suspends and resumes, as it does over the network.
    /// </summary>
    public bool AnswerAsynchronously { get; set; }

    /// <summary>How many token requests arrived (a warm cache sends none).</summary>
    public int TokenRequests => Volatile.Read(ref tokenRequests);

    /// <summary>The size of the last request body read (CreateProcess), to check both clients sent the payload.</summary>
    public long LastRequestBodyLength => Interlocked.Read(ref lastRequestBodyLength);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (AnswerAsynchronously)
        {
            await Task.Yield();
        }

        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post && path == "/oauth2/token")
        {
            Interlocked.Increment(ref tokenRequests);
            return Answer(request, tokenBody, Json);
        }

        if (request.Method == HttpMethod.Post && path == "/client/v1/process")
        {
            // Read the body the way a socket would: streamed, counted, not kept.
            var counter = new CountingNullStream();
            await request.Content!.CopyToAsync(counter, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref lastRequestBodyLength, counter.Length);
            return Answer(request, createProcessBody, Json);
        }

        if (request.Method == HttpMethod.Get && path.StartsWith("/client/v1/process/", StringComparison.Ordinal))
        {
            if (path.EndsWith("/selfie", StringComparison.Ordinal))
            {
                return Answer(request, SelfieBody, Json);
            }

            if (path.EndsWith("/evidenceset", StringComparison.Ordinal))
            {
                var body = EvidenceSetBody ?? throw new InvalidOperationException("EvidenceSetBody is not set.");
                if (!EvidenceSetLengthDeclared)
                {
                    var chunked = new UndeclaredLengthContent(body);
                    chunked.Headers.ContentType = Json;
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = chunked, RequestMessage = request };
                }

                return Answer(request, body, Json);
            }

            return Answer(request, getProcessBody, Json);
        }

        if (request.Method == HttpMethod.Get && path.StartsWith("/api/v1/service/file/", StringComparison.Ordinal))
        {
            var content = new StreamContent(new GeneratedPdfStream(SignedDocumentSize), 16 * 1024);
            content.Headers.ContentType = Pdf;
            content.Headers.ContentLength = SignedDocumentSize;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, byte[] body, MediaTypeHeaderValue contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }

    /// <summary>A body without <c>Content-Length</c>, as a chunked answer arrives.</summary>
    private sealed class UndeclaredLengthContent(byte[] body) : ByteArrayContent(body)
    {
        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Swallows what is written and counts it.</summary>
    private sealed class CountingNullStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Position;
        public override long Position { get; set; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Position += count;
        public override void Write(ReadOnlySpan<byte> buffer) => Position += buffer.Length;
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Position += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
