using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>Measurements of allocated bytes are process-wide: these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive
{
}

/// <summary>
/// Issue 14, defect 1: a success body had neither a time limit nor a size limit (a trickling 200 kept GetProcess pending
/// for 150 s against a 60 s budget; <c>Content-Length: 2147483648</c> grew the process by 2 GB and ended in a raw
/// OutOfMemoryException). Each test uses a raw socket server, because neither Kestrel nor the emulator can misbehave so.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class BoundedSuccessBodyTests
{
    private const string ProcessId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    /// <summary>Real-time bound on a call that should end by itself; reached only if the SDK hangs.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task SuccessBody_TrickledOneBytePerSecond_EndsWithinBudget()
    {
        var budget = TimeSpan.FromSeconds(2);
        await using var server = new RawHttpServer((stream, _, ct) => TrickleJsonAsync(stream, "{\"process\":{\"id\":\"", bytesPerSecond: 1, ct));
        await using var app = HostileServerApp.Start(server.BaseAddress, o => { o.TotalTimeout = budget; o.AttemptTimeout = budget; });
        var processes = app.GetRequiredService<IIdCloudProcessClient>();

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => processes.GetProcessAsync(ProcessId).WaitAsync(budget + Slack));

        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
        Assert.True(clock.Elapsed < budget + Slack, $"took {clock.Elapsed}");
        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.False(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task SelfieBody_TrickledFourBytesPerSecond_EndsWithinBudget()
    {
        var budget = TimeSpan.FromSeconds(2);
        await using var server = new RawHttpServer((stream, _, ct) => TrickleJsonAsync(stream, "{\"fileContents\":\"", bytesPerSecond: 4, ct));
        await using var app = HostileServerApp.Start(server.BaseAddress, o => { o.TotalTimeout = budget; o.AttemptTimeout = budget; });
        var processes = app.GetRequiredService<IIdCloudProcessClient>();

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => processes.GetSelfieAsync(ProcessId).WaitAsync(budget + Slack));

        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task SuccessBody_AnnouncingTwoGigabytes_FailsTypedBeforeReadingWithBoundedMemory()
    {
        await using var server = new RawHttpServer(async (stream, _, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2147483648\n", ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"process\":{\"x\":\""), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });
        var processes = app.GetRequiredService<IIdCloudProcessClient>();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => processes.GetProcessAsync(ProcessId).WaitAsync(Slack));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("2147483648", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseBodySize", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 8L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task SuccessBody_EndlessChunkedUnknownMember_FailsTypedWithBoundedMemory()
    {
        const long cap = 1024 * 1024;
        await using var server = new RawHttpServer(async (stream, _, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nTransfer-Encoding: chunked\n", ct);
            await WriteChunkAsync(stream, Encoding.ASCII.GetBytes("{\"process\":{\"unknownMember\":["), ct);
            var ones = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1,", 32 * 1024)));
            while (!ct.IsCancellationRequested)
            {
                await WriteChunkAsync(stream, ones, ct);
            }
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, o => o.MaxResponseBodySize = cap);
        var processes = app.GetRequiredService<IIdCloudProcessClient>();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => processes.GetProcessAsync(ProcessId).WaitAsync(Slack));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("MaxResponseBodySize", error.Message, StringComparison.Ordinal);
        // The cap is 1 MiB; the JSON reader buffers what it cannot skip yet, the server's chunks are reused.
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task DataVerification_EndlessChunkedNonUtf8Body_FailsTypedWithBoundedMemoryAndNoCpf()
    {
        // by Client's POST /lists/{cpf} goes through the same bounded reader: a 200 that never ends, whose bytes are not
        // even UTF-8, is a typed error within the cap, and neither the message nor the request URL in it has the CPF.
        const long cap = 1024 * 1024;
        const string cpf = "52998224725";
        await using var server = new RawHttpServer(async (stream, _, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nTransfer-Encoding: chunked\n", ct);
            await WriteChunkAsync(stream, Encoding.ASCII.GetBytes("{\"id\":\"41c24382-36ce-4bb4-8339-352114f71f78\",\"status\":3,\"lists\":{\"basicData\":{\"name\":\""), ct);
            var garbage = Enumerable.Repeat(new byte[] { 0xC3, 0x28, 0xFF, 0x41 }, 16 * 1024).SelectMany(b => b).ToArray();
            while (!ct.IsCancellationRequested)
            {
                await WriteChunkAsync(stream, garbage, ct);
            }
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, o => o.MaxResponseBodySize = cap);
        var byClient = app.GetRequiredService<Unico.IdCloud.Client.ByClient.IIdCloudByClient>();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => byClient.VerifyDataAsync(cpf).WaitAsync(Slack));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("MaxResponseBodySize", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated} bytes");
        Assert.DoesNotContain(cpf, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(cpf, error.RequestUri?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.EndsWith("/lists/***.***.***-25", error.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedDocument_StallingMidBody_FailsOnTheIdleTimeout()
    {
        var idle = TimeSpan.FromSeconds(1);
        await using var server = new RawHttpServer(async (stream, _, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/pdf\nContent-Length: 1048576\n", ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("%PDF-1.7\n"), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, o => { o.DownloadTimeout = TimeSpan.FromMinutes(1); o.DownloadIdleTimeout = idle; });
        var signatures = app.GetRequiredService<IIdCloudSignatureClient>();

        using var download = await signatures.GetSignedDocumentAsync("doc-1").WaitAsync(Slack);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => download.CopyToAsync(Stream.Null).WaitAsync(idle + Slack));

        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
        Assert.Contains("DownloadIdleTimeout", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < idle + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task SignedDocument_TrickledNeverIdleButPastItsBudget_EndsAtDownloadTimeout()
    {
        var budget = TimeSpan.FromSeconds(3);
        await using var server = new RawHttpServer(async (stream, _, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/pdf\nContent-Length: 1048576\n", ct);
            while (!ct.IsCancellationRequested)
            {
                await stream.WriteAsync("%"u8.ToArray(), ct);
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, o => { o.DownloadTimeout = budget; o.DownloadIdleTimeout = TimeSpan.FromSeconds(2); });
        var signatures = app.GetRequiredService<IIdCloudSignatureClient>();

        var clock = Stopwatch.StartNew();
        using var download = await signatures.GetSignedDocumentAsync("doc-1").WaitAsync(Slack);
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => download.CopyToAsync(Stream.Null).WaitAsync(budget + Slack));

        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
        Assert.True(clock.Elapsed >= budget - TimeSpan.FromMilliseconds(100), $"took {clock.Elapsed}");
        Assert.True(clock.Elapsed < budget + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task SignedDocument_AsANeverEndingGzipStream_EndsAtDownloadTimeoutWithoutBufferingIt()
    {
        // The signature API's gzip is decoded by the SDK itself (and verified at its end): a body that never ends, and
        // decodes at memory speed, must still stop at the download budget, never accumulate.
        var budget = TimeSpan.FromSeconds(3);
        await using var server = new RawHttpServer(async (stream, _, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/pdf\nContent-Encoding: gzip\nTransfer-Encoding: chunked\n", ct);
            var zeros = new byte[64 * 1024];
            await using var gzip = new System.IO.Compression.GZipStream(new ChunkedWriteStream(stream), System.IO.Compression.CompressionLevel.Fastest);
            await gzip.WriteAsync("%PDF-1.7\n"u8.ToArray(), ct);
            while (!ct.IsCancellationRequested)
            {
                await gzip.WriteAsync(zeros, ct);
                await gzip.FlushAsync(ct);
            }
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, o => { o.DownloadTimeout = budget; o.DownloadIdleTimeout = TimeSpan.FromSeconds(2); });
        var signatures = app.GetRequiredService<IIdCloudSignatureClient>();
        var sink = new CountingSink();

        var clock = Stopwatch.StartNew();
        using var download = await signatures.GetSignedDocumentAsync("doc-1").WaitAsync(Slack);
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => download.CopyToAsync(sink).WaitAsync(budget + Slack));

        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
        Assert.True(sink.Bytes > 1024 * 1024, $"only {sink.Bytes} bytes decoded: the body was not streamed");
        Assert.True(clock.Elapsed < budget + Slack, $"took {clock.Elapsed}");
    }

    /// <summary>Writes each write as one HTTP/1.1 chunk.</summary>
    private sealed class ChunkedWriteStream(Stream socket) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => socket.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => socket.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return;
            }

            await socket.WriteAsync(Encoding.ASCII.GetBytes($"{buffer.Length:X}\r\n"), cancellationToken);
            await socket.WriteAsync(buffer, cancellationToken);
            await socket.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        }
    }

    /// <summary>Counts what it is given and keeps none of it.</summary>
    private sealed class CountingSink : Stream
    {
        public long Bytes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Bytes;

        public override long Position { get => Bytes; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Bytes += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Bytes += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }

    private static async Task TrickleJsonAsync(Stream stream, string start, int bytesPerSecond, CancellationToken cancellationToken)
    {
        await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 100000\n", cancellationToken);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(start), cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            await stream.WriteAsync("A"u8.ToArray(), cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1.0 / bytesPerSecond), cancellationToken);
        }
    }

    private static async Task WriteChunkAsync(Stream stream, byte[] data, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
        await stream.WriteAsync(data, cancellationToken);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
    }
}
