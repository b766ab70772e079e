using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.HandWritten;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// GetEvidenceSet of a 20 MB PDF: the API sends it base64 inside JSON, so the client must hold and decode it. Target:
/// SDK allocations ≤ 1.1× the PDF size (issue 10): the decoded PDF itself and little else. The baseline lets System.Text.Json decode into a <c>byte[]</c> property.
/// With <see cref="LengthDeclared"/> false the answer has no <c>Content-Length</c> (as a chunked answer): nothing can
/// be sized from the headers. The third row is the artifact downloader writing the evidence set (and a small selfie)
/// of a finished process to disk: the file is decoded window by window into the file, so it should cost a small
/// fraction of the PDF, not the PDF.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PayloadConfig))]
public class EvidenceSetDownloadBenchmarks
{
    private readonly InMemoryIdCloudHandler handler = new();
    private ServiceProvider sdk = null!;
    private IIdCloudProcessClient client = null!;
    private HandWrittenIdCloudClient handWritten = null!;
    private IIdCloudArtifactDownloader downloader = null!;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "idcloud-bench-artifacts-" + Guid.NewGuid().ToString("N"));
    private readonly IdCloudProcess finished = new() { Id = VendorExamples.ProcessId, State = ProcessState.Finished };

    [Params(20 * SyntheticPdf.OneMegabyte)]
    public int PdfBytes { get; set; }

    [Params(true, false)]
    public bool LengthDeclared { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var pdf = SyntheticPdf.Create(PdfBytes);
        handler.EvidenceSetBody = SyntheticPdf.EvidenceSetBody(pdf);
        handler.EvidenceSetLengthDeclared = LengthDeclared;
        sdk = SdkHost.InMemory(handler);
        client = sdk.GetRequiredService<IIdCloudProcessClient>();
        handWritten = new HandWrittenIdCloudClient(handler, SdkHost.InMemoryProcessApi, SdkHost.InMemorySignatureApi, InMemoryIdCloudHandler.AccessToken);

        var viaSdk = Sdk().GetAwaiter().GetResult();
        var viaHand = HandWritten().GetAwaiter().GetResult();
        Check.That(viaSdk.Content.Span.SequenceEqual(pdf) && viaHand.FileContents.AsSpan().SequenceEqual(pdf), "both clients decode the same PDF");
        Check.That(viaSdk.ContentType == "application/pdf", "the SDK reports x-pdf as application/pdf");

        downloader = sdk.GetRequiredService<IIdCloudArtifactDownloader>();
        var manifest = SdkDownloaderToDisk().GetAwaiter().GetResult();
        Check.That(File.ReadAllBytes(Path.Combine(folder, "evidence-set.pdf")).AsSpan().SequenceEqual(pdf), "the downloader writes the same PDF");
        Check.That(manifest.Files.Count == 2, "the downloader writes the selfie and the evidence set");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        handWritten.Dispose();
        sdk.Dispose();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "EvidenceSet 20 MB hand-written")]
    public Task<HandWrittenEvidenceSet> HandWritten() => handWritten.GetEvidenceSetAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "EvidenceSet 20 MB SDK")]
    public Task<IdCloudFile> Sdk() => client.GetEvidenceSetAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "EvidenceSet 20 MB SDK downloader, to disk")]
    public Task<IdCloudArtifactManifest> SdkDownloaderToDisk() => downloader.DownloadAllAsync(finished, folder);
}
