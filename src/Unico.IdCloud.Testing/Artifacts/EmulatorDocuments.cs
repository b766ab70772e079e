using System.Globalization;

namespace Unico.IdCloud.Testing;

/// <summary>The contents of the emulator's PDFs. Personal data is masked: these files end up in test logs and artifacts.</summary>
internal static class EmulatorDocuments
{
    public static PdfFile EvidenceSet(EmulatedProcess process, ProcessFinish finish, byte[] selfie)
    {
        var results = OutcomeResults.For(finish.Outcome, process.Flow);
        var lines = new List<string>
        {
            "Emulated by Unico.IdCloud.Testing - not a real evidence set.",
            string.Empty,
            "Usuario",
            "  Nome: " + (process.Person?.FriendlyName ?? "-"),
            "  CPF do titular: " + MaskDocument(process.Person?.DuiValue),
            "Processo",
            "  Fluxo executado: " + process.Flow.Name,
            "  Identificador do processo: " + process.IdText,
            "  URL: " + process.UserRedirectUrl,
            "  Criacao: " + Describe(process.CreatedAt),
            "  Finalizacao: " + Describe(finish.At),
            "  Estado: PROCESS_STATE_FINISHED / " + results.Result,
            "Validacoes",
            "  Identidade: " + (results.AuthenticationResult ?? "-"),
            "  Deteccao de vida: " + (results.LivenessResult ?? "-"),
            "Dados de navegacao",
            "  Sistema operacional e navegador: emulator",
            "  Endereco do IP: 127.0.0.1",
        };
        if (finish.SignedDocuments.Count > 0)
        {
            lines.Add("Assinatura");
            lines.Add("  ID do envelope: " + finish.EnvelopeId.ToString("D"));
        }

        return OnePagePdf.Create("Conjunto probatorio - Unico IDCloud (emulador)", lines, selfie, SelfieImage.BlocksWide * 8, 0);
    }

    public static PdfFile SignedDocument(EmulatedSignedDocument document) =>
        OnePagePdf.Create(
            "Documento assinado (emulador)",
            [
                "Emulated by Unico.IdCloud.Testing - not a real signature.",
                string.Empty,
                "Documento: " + document.Name,
                "ID do documento: " + document.Id.ToString("D"),
                "ID do envelope: " + document.EnvelopeId.ToString("D"),
                "Processo: " + document.Process.IdText,
                "Assinante: " + (document.Process.Person?.FriendlyName ?? "-"),
                "Assinado em: " + Describe(document.SignedAt),
            ],
            null,
            0,
            document.FileSize);

    public static PdfFile SignatureEvidence(EmulatedSignedDocument document) =>
        OnePagePdf.Create(
            "Conjunto probatorio da assinatura (emulador)",
            [
                "Emulated by Unico.IdCloud.Testing - not a real signature evidence.",
                string.Empty,
                "Documento: " + document.Name,
                "ID do documento: " + document.Id.ToString("D"),
                "ID do envelope: " + document.EnvelopeId.ToString("D"),
                "Assinante: " + (document.Process.Person?.FriendlyName ?? "-"),
                "CPF: " + MaskDocument(document.Process.Person?.DuiValue),
                "Endereco do IP: 127.0.0.1",
                "Assinado em: " + Describe(document.SignedAt),
            ],
            null,
            0,
            document.EvidenceSize);

    private static string Describe(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";

    /// <summary>Shows only the last two characters, e.g. <c>*********09</c>.</summary>
    private static string MaskDocument(string? value) =>
        string.IsNullOrEmpty(value) ? "-" : new string('*', Math.Max(0, value.Length - 2)) + value[Math.Max(0, value.Length - 2)..];
}
