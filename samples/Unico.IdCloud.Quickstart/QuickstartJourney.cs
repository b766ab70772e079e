using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Quickstart;

/// <summary>
/// One complete e-signature journey, step by step: token, process, the person's journey (simulated on the emulator,
/// real on UAT), the result and every artifact. Each step prints what a developer would want to see.
/// </summary>
internal sealed class QuickstartJourney(
    IIdCloudTokenProvider tokens,
    IIdCloudProcessClient processes,
    IIdCloudProcessWaiter waiter,
    IIdCloudArtifactDownloader downloader,
    IdCloudEmulator? emulator,
    QuickstartArguments arguments,
    TextWriter output)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        Step(1, $"Access token obtained (valid until {token.ExpiresOn:u}); it is cached and renewed in the background.");

        var pdf = arguments.PdfPath is null
            ? IdCloudSampleDocuments.CreatePdf("Quickstart contract", "I agree to the terms of this Quickstart contract.", $"Created {DateTimeOffset.UtcNow:u}")
            : await File.ReadAllBytesAsync(arguments.PdfPath, cancellationToken);
        var cpf = Cpf.Parse(arguments.Cpf);
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdUnicoSign,
            Purpose = Purpose.CreditProcess,
            ClientReference = Guid.NewGuid().ToString(),
            ExpiresIn = TimeSpan.FromHours(1),
            Person = new ProcessPerson
            {
                DuiType = DuiType.BrCpf,
                DuiValue = cpf.Value,
                FriendlyName = arguments.Name,
                Email = arguments.Email,
            },
            Payload =
            [
                new EnvelopePayload
                {
                    Documents = [new EnvelopeDocument { DocumentName = "quickstart-contract", FileContents = pdf }],
                },
            ],
        };
        var process = await processes.CreateProcessAsync(request, cancellationToken);
        var processId = process.Id ?? throw new InvalidOperationException("The service returned a process without an id.");
        Step(2, $"Process {processId} created for CPF {cpf.ToMaskedString()} (flow {process.Flow}, state {process.State}).");
        output.WriteLine($"      Send the person to: {process.UserRedirectUrl}");
        output.WriteLine($"      (or embed the journey with the web SDK using the process token, {process.Token?.Length ?? 0} characters)");

        IdCloudWaitOptions? wait = null;
        if (emulator is not null)
        {
            await emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved, cancellationToken);
            Step(3, "Emulator: the person completed the journey (selfie, identity check and signature simulated).");
            wait = new IdCloudWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(50) };
        }
        else
        {
            Step(3, "Open the URL above on a phone with a camera and complete the journey. Waiting (polling with backoff; Ctrl+C to stop)...");
        }

        var finished = await waiter.WaitForCompletionAsync(processId, wait, cancellationToken);
        var summary = finished.Interpret();
        Step(4, $"Result: {summary.Outcome}. {summary.Explanation}");
        var info = finished.AuthenticationInfo;
        output.WriteLine($"      state {finished.State}, result {finished.Result}, liveness {info?.LivenessResult}, identity {info?.AuthenticationResult}, behaviour alert {info?.IdentityFraudstersResult}");

        var manifest = await downloader.DownloadAllAsync(finished, arguments.OutputFolder, cancellationToken);
        Step(5, $"Artifacts written to {arguments.OutputFolder}:");
        foreach (var file in manifest.Files)
        {
            output.WriteLine($"      {file.FileName,-26} {file.Size,10:N0} bytes  {file.ContentType,-16} sha256 {file.Sha256[..16]}…");
        }

        foreach (var skipped in manifest.Skipped)
        {
            output.WriteLine($"      (skipped {skipped.Artifact}: {skipped.Reason})");
        }

        output.WriteLine($"      {IdCloudArtifactManifest.FileName} lists names, sizes, SHA-256 and times.");
        return summary.Outcome == IdCloudProcessOutcome.Approved || emulator is null ? 0 : 1;
    }

    private void Step(int number, string text) => output.WriteLine($"[{number}/5] {text}");
}
