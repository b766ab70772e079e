using Unico.IdCloud.Testing;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.WebSample.Hosting;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>Creates the IDCloud process of a new verification and remembers it.</summary>
public sealed class VerificationStarter(IIdCloudProcessClient processes, VerificationStore store, CallbackAddress callbacks, TimeProvider time)
{
    /// <summary>
    /// Creates the process. Not retried by the SDK once it may have reached IDCloud (each process is billed); the
    /// reference is sent as <c>clientReference</c> so a process whose answer was lost can be found in the portal.
    /// </summary>
    /// <param name="request">The checked form.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verification and the URL of the hosted journey to send the person to.</returns>
    /// <exception cref="IdCloudException">IDCloud refused or the call failed.</exception>
    public async Task<(Verification Verification, string UserRedirectUrl)> StartAsync(StartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reference = VerificationStore.NewReference();
        var createProcess = new CreateProcessRequest
        {
            CallbackUri = callbacks.CallbackUriFor(reference),
            Flow = request.Flow,
            Purpose = Purpose.CreditProcess,
            ClientReference = reference,
            Person = new ProcessPerson
            {
                DuiType = DuiType.BrCpf,
                DuiValue = request.Cpf.Value,
                FriendlyName = request.Name,
                Email = request.Email,
            },
        };

        if (request.Flow.Has(FlowCapabilities.ElectronicSignature))
        {
            var pdf = IdCloudSampleDocuments.CreatePdf("Sample agreement", "I agree to the terms of this sample agreement.", $"Created {time.GetUtcNow():u}");
            createProcess.Payload =
            [
                new EnvelopePayload
                {
                    Documents = [new EnvelopeDocument { DocumentName = "sample-agreement.pdf", FileContents = pdf }],
                },
            ];
        }

        var process = await processes.CreateProcessAsync(createProcess, cancellationToken);
        if (string.IsNullOrEmpty(process.Id) || !IsSafeRedirect(process.UserRedirectUrl))
        {
            // Never redirect a browser to something unexpected (a javascript: URL, plain http to another host).
            throw new IdCloudException("IDCloud created a process but its answer has no id or no usable https userRedirectUrl.") { Kind = IdCloudErrorKind.InvalidResponse };
        }

        var verification = new Verification(reference, process.Id, request.Flow, request.Cpf.ToMaskedString(), time.GetUtcNow());
        store.Add(verification);
        return (verification, process.UserRedirectUrl!);
    }

    private static bool IsSafeRedirect(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)); // http: the local emulator only
}
