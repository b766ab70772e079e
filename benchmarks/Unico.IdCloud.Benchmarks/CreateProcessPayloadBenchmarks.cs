using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Benchmarks.HandWritten;
using Unico.IdCloud.Benchmarks.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// CreateProcess for an e-signature flow carrying a PDF of 1 MB or 20 MB (base64 in the JSON body), answered from
/// memory; the request body is streamed out and counted, as a socket would. Target (issue 10): the SDK allocates ≤ 64 KB
/// per call at 20 MB after warm-up (the body is streamed, never built whole).
/// The baseline serialises a DTO whose <c>byte[]</c> System.Text.Json writes as base64, through JsonContent.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PayloadConfig))]
public class CreateProcessPayloadBenchmarks
{
    private readonly InMemoryIdCloudHandler handler = new();
    private ServiceProvider sdk = null!;
    private IIdCloudProcessClient client = null!;
    private HandWrittenIdCloudClient handWritten = null!;
    private CreateProcessRequest sdkRequest = null!;
    private HandWrittenCreateProcessRequest handWrittenRequest = null!;

    [Params(SyntheticPdf.OneMegabyte, 20 * SyntheticPdf.OneMegabyte)]
    public int PdfBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var pdf = SyntheticPdf.Create(PdfBytes);
        sdk = SdkHost.InMemory(handler);
        client = sdk.GetRequiredService<IIdCloudProcessClient>();
        handWritten = new HandWrittenIdCloudClient(handler, SdkHost.InMemoryProcessApi, SdkHost.InMemorySignatureApi, InMemoryIdCloudHandler.AccessToken);

        sdkRequest = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdUnicoSign,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { DuiType = DuiType.BrCpf, DuiValue = "73689290074", FriendlyName = "Ana", Email = "ana@example.com" },
            Payload =
            [
                new EnvelopePayload
                {
                    Documents = [new EnvelopeDocument { DocumentName = "contract", FileContents = pdf }],
                },
            ],
        };
        handWrittenRequest = new HandWrittenCreateProcessRequest
        {
            CallbackUri = "/",
            Flow = "idunicosign",
            Purpose = "creditprocess",
            Person = new HandWrittenPerson { DuiType = "DUI_TYPE_BR_CPF", DuiValue = "73689290074", FriendlyName = "Ana", Email = "ana@example.com" },
            Payload = [new HandWrittenSignaturePayload { EnvelopePayload = new HandWrittenEnvelopePayload { Documents = [new HandWrittenEnvelopeDocument { DocumentName = "contract", FileContents = pdf }] } }],
        };

        Sdk().GetAwaiter().GetResult();
        var sdkBody = handler.LastRequestBodyLength;
        HandWritten().GetAwaiter().GetResult();
        var handBody = handler.LastRequestBodyLength;
        var base64 = 4L * ((PdfBytes + 2) / 3);
        Check.That(sdkBody > base64 && handBody > base64, $"both bodies carry the base64 PDF ({sdkBody} and {handBody} bytes for {base64})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        handWritten.Dispose();
        sdk.Dispose();
    }

    [Benchmark(Baseline = true, Description = "CreateProcess+PDF hand-written")]
    public Task<HandWrittenProcess> HandWritten() => handWritten.CreateProcessAsync(handWrittenRequest);

    [Benchmark(Description = "CreateProcess+PDF SDK")]
    public Task<IdCloudProcess> Sdk() => client.CreateProcessAsync(sdkRequest);
}
