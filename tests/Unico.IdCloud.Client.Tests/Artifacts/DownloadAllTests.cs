using Unico.IdCloud.TestSupport;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Completion;

namespace Unico.IdCloud.Client.Tests.Artifacts;

/// <summary>One call writes every artifact of a finished process into a folder with a manifest whose hashes match the files.</summary>
public sealed class DownloadAllTests : IDisposable
{
    private const string ProcessId = "53060f52-f146-4c12-a234-5bb5031f6f5b";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "idcloud-artifacts-" + Guid.NewGuid().ToString("N"));
    private readonly ObservedTimeProvider _time = new();
    private readonly FakeProcessClient _process = new();
    private readonly FakeSignatureClient _signature = new();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_every_artifact_and_a_manifest_whose_sizes_and_hashes_match_the_files()
    {
        _process.Returns(SigningProcess("doc-a", "doc-b"));

        var manifest = await Downloader().DownloadAllAsync(ProcessId, _folder);

        Assert.Equal(
            ["selfie.jpg", "evidence-set.pdf", "signed-document-1.pdf", "signature-evidence-1.pdf", "signed-document-2.pdf", "signature-evidence-2.pdf"],
            manifest.Files.Select(f => f.FileName));
        Assert.Equal(
            ["evidence-set.pdf", "manifest.json", "selfie.jpg", "signature-evidence-1.pdf", "signature-evidence-2.pdf", "signed-document-1.pdf", "signed-document-2.pdf"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Read manifest.json as a user would (plain JSON) and check it against the bytes on disk.
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_folder, "manifest.json")));
        var root = json.RootElement;
        Assert.Equal(ProcessId, root.GetProperty("processId").GetString());
        Assert.Equal("idunicosign", root.GetProperty("flow").GetString());
        Assert.Equal("PROCESS_STATE_FINISHED", root.GetProperty("state").GetString());
        Assert.Equal("PROCESS_RESULT_OK", root.GetProperty("result").GetString());
        Assert.Equal(_time.GetUtcNow(), root.GetProperty("downloadStartedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 11, 5, 0, TimeSpan.Zero), root.GetProperty("processFinishedAt").GetDateTimeOffset());
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(6, files.Count);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder, file.GetProperty("fileName").GetString()!));
            Assert.Equal(bytes.Length, file.GetProperty("size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
        }

        Assert.Equal("image/jpeg", files[0].GetProperty("contentType").GetString());
        Assert.Equal("Selfie", files[0].GetProperty("artifact").GetString());
        Assert.Equal("application/pdf", files[1].GetProperty("contentType").GetString());   // the API's "x-pdf", normalised
        Assert.Equal("doc-b", files[4].GetProperty("documentId").GetString());
        Assert.Equal("%PDF-1.7 signed of doc-b", await File.ReadAllTextAsync(Path.Combine(_folder, "signed-document-2.pdf")));
        Assert.Empty(root.GetProperty("skipped").EnumerateArray());
    }

    [Fact]
    public async Task The_manifest_file_reads_back_into_the_returned_manifest()
    {
        _process.Returns(SigningProcess("doc-a"));

        var manifest = await Downloader().DownloadAllAsync(ProcessId, _folder);
        var read = await IdCloudArtifactManifest.ReadFromFileAsync(Path.Combine(_folder, IdCloudArtifactManifest.FileName));

        Assert.Equal(manifest.ProcessId, read.ProcessId);
        Assert.Equal(manifest.Files.Select(f => (f.FileName, f.Artifact, f.Sha256, f.Size, f.ContentType, f.DocumentId)), read.Files.Select(f => (f.FileName, f.Artifact, f.Sha256, f.Size, f.ContentType, f.DocumentId)));
        Assert.Equal(["selfie.jpg", "evidence-set.pdf", "signed-document.pdf", "signature-evidence.pdf"], read.Files.Select(f => f.FileName));
    }

    [Fact]
    public async Task A_large_signed_document_is_streamed_to_disk_and_hashed_on_the_way()
    {
        const long size = 24L * 1024 * 1024;
        var streams = new List<GeneratedStream>();
        _signature.Content = (kind, _) =>
        {
            var stream = new GeneratedStream(kind == "signed" ? size : 10);
            streams.Add(stream);
            return stream;
        };
        _process.Returns(SigningProcess("doc-a"));

        var manifest = await Downloader().DownloadAllAsync(ProcessId, _folder);

        var entry = Assert.Single(manifest.Files, f => f.Artifact == IdCloudArtifactKind.SignedDocument);
        Assert.Equal(size, entry.Size);
        Assert.Equal(size, new FileInfo(Path.Combine(_folder, entry.FileName)).Length);
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var chunk = new byte[1 << 20];
            for (long offset = 0; offset < size; offset += chunk.Length)
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = GeneratedStream.ByteAt(offset + i);
                }

                hash.AppendData(chunk);
            }

            Assert.Equal(Convert.ToHexStringLower(hash.GetHashAndReset()), entry.Sha256);
        }

        // Copied in many bounded reads from a stream with no length: never read whole into memory.
        Assert.True(streams[0].Reads > 100);
    }

    [Fact]
    public async Task A_selfie_the_account_may_not_read_is_recorded_as_skipped()
    {
        _process.Selfie = (_, _) => throw new IdCloudApiException("GetSelfie failed with HTTP 403") { Kind = IdCloudErrorKind.PermissionDenied, StatusCode = HttpStatusCode.Forbidden };
        _process.Returns(FakeProcessClient.Finished(ProcessId));

        var manifest = await Downloader().DownloadAllAsync(ProcessId, _folder);

        Assert.Equal(["evidence-set.pdf"], manifest.Files.Select(f => f.FileName));
        var skipped = Assert.Single(manifest.Skipped);
        Assert.Equal(IdCloudArtifactKind.Selfie, skipped.Artifact);
        Assert.Equal(IdCloudErrorKind.PermissionDenied, skipped.ErrorKind);
        Assert.Contains("403", skipped.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "selfie.jpg")));
    }

    [Fact]
    public async Task Waits_for_a_lagging_signed_document_before_writing_the_manifest()
    {
        _signature.NotReadyFor = 2;
        _process.Returns(SigningProcess("doc-a"));
        var download = Downloader().DownloadAllAsync(ProcessId, _folder);

        while (!download.IsCompleted)
        {
            var done = await _time.CompletedOrTimerAsync(download);
            Assert.False(File.Exists(Path.Combine(_folder, "manifest.json")) && !done);
            if (!done)
            {
                _time.Advance(_time.PendingDelays.Min());
            }
        }

        var manifest = await download;
        Assert.Equal(4, manifest.Files.Count);
        Assert.Equal(3, _signature.AttemptsFor("signed", "doc-a"));
        Assert.Equal(3, _signature.AttemptsFor("evidence", "doc-a"));

        // Both lag by two attempts: 1 + 2 minutes each.
        Assert.Equal(TimeSpan.FromMinutes(6), manifest.DownloadCompletedAt - manifest.DownloadStartedAt);
    }

    [Fact]
    public async Task A_process_that_is_not_finished_is_not_ready_and_nothing_is_written()
    {
        _process.Returns(FakeProcessClient.Process(ProcessId, ProcessState.Created));

        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.NotReady, () => Downloader().DownloadAllAsync(ProcessId, _folder));

        Assert.Equal(IdCloudErrorKind.NotReady, error.Kind);
        Assert.Contains("not finished", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public async Task A_failure_mid_way_leaves_no_manifest_and_no_partial_file()
    {
        _signature.AlwaysFail = kind => kind == "evidence" ? new IdCloudApiException("401") { Kind = IdCloudErrorKind.Unauthenticated, StatusCode = HttpStatusCode.Unauthorized } : null;
        _process.Returns(SigningProcess("doc-a"));

        await Assert.ThrowsAsync<IdCloudApiException>(() => Downloader().DownloadAllAsync(ProcessId, _folder));

        Assert.False(File.Exists(Path.Combine(_folder, "manifest.json")));
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_folder, "signed-document.pdf")));
    }

    [Fact]
    public async Task A_broken_stream_leaves_no_file_under_the_final_name()
    {
        _signature.Content = (kind, _) => kind == "signed" ? new BrokenStream() : new MemoryStream([1]);
        _process.Returns(SigningProcess("doc-a"));

        await Assert.ThrowsAnyAsync<Exception>(() => Downloader().DownloadAllAsync(ProcessId, _folder));

        Assert.False(File.Exists(Path.Combine(_folder, "signed-document.pdf")));
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_large_evidence_set_is_decoded_to_disk_and_hashed_on_the_way()
    {
        var pdf = new byte[3 * 1024 * 1024 + 7];
        new Random(11).NextBytes(pdf);
        _process.EvidenceSet = (_, _) => Task.FromResult((pdf, "x-pdf"));
        _process.Returns(FakeProcessClient.Finished(ProcessId));

        var manifest = await Downloader().DownloadAllAsync(ProcessId, _folder);

        var entry = Assert.Single(manifest.Files, f => f.Artifact == IdCloudArtifactKind.EvidenceSet);
        Assert.Equal("evidence-set.pdf", entry.FileName);
        Assert.Equal("application/pdf", entry.ContentType);
        Assert.Equal(pdf.Length, entry.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), entry.Sha256);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(_folder, entry.FileName)));
    }

    [Fact]
    public async Task The_file_name_follows_the_media_type_the_answer_declares_after_the_file()
    {
        // contentType after fileContents: the extension is known only once the file is written.
        _process.Selfie = (_, _) => Task.FromResult((new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png"));
        _process.Returns(FakeProcessClient.Finished(ProcessId));

        var manifest = await Downloader().DownloadAllAsync(ProcessId, _folder);

        Assert.Equal(["selfie.png", "evidence-set.pdf"], manifest.Files.Select(f => f.FileName));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, await File.ReadAllBytesAsync(Path.Combine(_folder, "selfie.png")));
    }

    [Fact]
    public async Task An_evidence_set_answer_that_breaks_mid_way_is_an_invalid_response_and_leaves_no_file()
    {
        var base64 = Convert.ToBase64String(new byte[600_000]);
        _process.EvidenceSetAnswer = (_, _) => Task.FromResult<HttpContent>(
            new StringContent($$"""{"fileContents":"{{base64[..400_000]}}""", System.Text.Encoding.UTF8, "application/json"));
        _process.Returns(FakeProcessClient.Finished(ProcessId));

        var error = await Assert.ThrowsAsync<IdCloudException>(() => Downloader().DownloadAllAsync(ProcessId, _folder));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.True(File.Exists(Path.Combine(_folder, "selfie.jpg")));
        Assert.False(File.Exists(Path.Combine(_folder, "evidence-set.pdf")));
        Assert.False(File.Exists(Path.Combine(_folder, "manifest.json")));
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_process_object_overload_does_not_read_the_process_again()
    {
        var manifest = await Downloader().DownloadAllAsync(SigningProcess("doc-a"), _folder);

        Assert.Empty(_process.GetProcessCalls);
        Assert.Equal(4, manifest.Files.Count);
    }

    private static IdCloudProcess SigningProcess(params string[] documentIds)
    {
        var process = FakeProcessClient.Finished(ProcessId);
        process.Flow = Flow.IdUnicoSign;
        process.Services = [new ProcessService { EnvelopeId = "env-1", DocumentIds = documentIds }];
        return process;
    }

    private IdCloudArtifactDownloader Downloader() => new(_process, _signature, options: null, _time);

    private sealed class BrokenStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            ++_reads < 3 ? Fill(buffer.AsSpan(offset, count)) : throw new IOException("connection reset");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++_reads < 3 ? ValueTask.FromResult(Fill(buffer.Span)) : ValueTask.FromException<int>(new IOException("connection reset"));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static int Fill(Span<byte> buffer)
        {
            buffer.Fill(0x25);
            return buffer.Length;
        }
    }
}
