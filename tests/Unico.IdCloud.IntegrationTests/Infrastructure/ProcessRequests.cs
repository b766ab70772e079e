using System.Text;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.IntegrationTests.Infrastructure;

/// <summary>CreateProcess requests a user would send for each flow family.</summary>
internal static class ProcessRequests
{
    public const string FriendlyName = "Maria da Silva";

    /// <summary>A small but complete PDF: what a user uploads for signing.</summary>
    public static readonly byte[] ContractPdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");

    public static CreateProcessRequest For(Flow flow, string cpf, string? bioTokenId = null, string? clientReference = null)
    {
        var signs = flow.Has(FlowCapabilities.ElectronicSignature);
        return new CreateProcessRequest
        {
            CallbackUri = "https://app.example.com/callback",
            Flow = flow,
            Purpose = Purpose.BiometryOnboarding,
            ClientReference = clientReference ?? Guid.NewGuid().ToString("N"),
            BioTokenId = bioTokenId,
            Person = new ProcessPerson
            {
                DuiType = DuiType.BrCpf,
                DuiValue = cpf,
                FriendlyName = FriendlyName,
                Email = signs ? "maria.silva@example.com" : null,
            },
            Payload = signs
                ?
                [
                    new EnvelopePayload
                    {
                        Documents = [new EnvelopeDocument { DocumentName = "contrato.pdf", FileContents = ContractPdf }],
                    },
                ]
                : null,
        };
    }
}
