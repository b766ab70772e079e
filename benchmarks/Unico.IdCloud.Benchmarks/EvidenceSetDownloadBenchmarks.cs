using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.HandWritten;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// GetEvidenceSet of a 20 MB PDF: the API sends it base64 inside JSON, so the client must hold and decode it. Target:
/// SDK allocations ≤ 1.1× the PDF size (issue 10): the decoded PDF itself and little else. The baseline lets System.Text.Json decode into a <c>byte[]</c> property.
/// With <see cref="LengthDeclared"/> false the answer has no <c>Content-Length</c> (as a chunked answer): nothing can
/// be sized from the headers.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PayloadConfig))]
public class EvidenceSetDownloadBenchmarks
{
    private readonly InMemoryIdCloudHandler handler = new();
    private ServiceProvider sdk = null!;
    private IIdCloudProcessClient client = null!;
    private HandWrittenIdCloudClient handWritten = null!;

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
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        handWritten.Dispose();
        sdk.Dispose();
    }

    [Benchmark(Baseline = true, Description = "EvidenceSet 20 MB hand-written")]
    public Task<HandWrittenEvidenceSet> HandWritten() => handWritten.GetEvidenceSetAsync(VendorExamples.ProcessId);

    [Benchmark(Description = "EvidenceSet 20 MB SDK")]
    public Task<IdCloudFile> Sdk() => client.GetEvidenceSetAsync(VendorExamples.ProcessId);
}
