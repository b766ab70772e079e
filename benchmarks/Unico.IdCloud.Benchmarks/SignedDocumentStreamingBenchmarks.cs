using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.HandWritten;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// Downloads a 50 MB signed PDF and copies it into a file. The body is generated on the fly, so every byte allocated
/// is the client's. Target (issue 10): SDK ≤ 16 KB allocated at 50 MB (the PDF is streamed, never buffered).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PayloadConfig))]
public class SignedDocumentStreamingBenchmarks
{
    private const string DocumentId = "03307601-b518-49ca-b368-ae3919e24e54";

    private readonly InMemoryIdCloudHandler handler = new();
    private readonly string path = Path.Combine(Path.GetTempPath(), "idcloud-benchmark-" + Guid.NewGuid().ToString("N") + ".pdf");
    private ServiceProvider sdk = null!;
    private IIdCloudSignatureClient client = null!;
    private HandWrittenIdCloudClient handWritten = null!;

    [Params(50 * SyntheticPdf.OneMegabyte)]
    public int PdfBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        handler.SignedDocumentSize = PdfBytes;
        sdk = SdkHost.InMemory(handler);
        client = sdk.GetRequiredService<IIdCloudSignatureClient>();
        handWritten = new HandWrittenIdCloudClient(handler, SdkHost.InMemoryProcessApi, SdkHost.InMemorySignatureApi, InMemoryIdCloudHandler.AccessToken);

        Sdk().GetAwaiter().GetResult();
        Check.That(new FileInfo(path).Length == PdfBytes, "the SDK wrote the whole PDF");
        HandWritten().GetAwaiter().GetResult();
        Check.That(new FileInfo(path).Length == PdfBytes, "the baseline wrote the whole PDF");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        handWritten.Dispose();
        sdk.Dispose();
        File.Delete(path);
    }

    [Benchmark(Baseline = true, Description = "Signed PDF 50 MB to file hand-written")]
    public async Task HandWritten()
    {
        await using var file = OpenFile();
        await handWritten.CopySignedDocumentAsync(DocumentId, file);
    }

    [Benchmark(Description = "Signed PDF 50 MB to file SDK")]
    public async Task Sdk()
    {
        await using var download = await client.GetSignedDocumentAsync(DocumentId);
        await using var file = OpenFile();
        await download.CopyToAsync(file);
    }

    private FileStream OpenFile() =>
        new(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous });
}
