namespace Unico.IdCloud.Testing;

/// <summary>
/// The signature API: the signed PDF and its evidence PDF, streamed. Unknown (or not yet ready) documents answer
/// the vendor's documented bodies.
/// </summary>
internal sealed class SignatureEndpoints
{
    private readonly ProcessStore _store;
    private readonly ResponseForms _forms;

    public SignatureEndpoints(ProcessStore store, ResponseForms forms)
    {
        _store = store;
        _forms = forms;
    }

    /// <summary>
    /// <c>GET /api/v1/service/file/{documentId}</c>. An unknown document answers 404: the vendor documents the body but
    /// not the status, and "Documento não existe" is a missing resource, the same case its sibling evidence endpoint
    /// answers with 404. (A 400 would tell a wait-for-document helper the request itself was wrong.)
    /// </summary>
    public EmulatorResponse GetFile(string documentId, string tenantId)
    {
        var document = Find(documentId, tenantId);
        if (document is null || document.TakeFileNotReady())
        {
            return _forms.SignatureNotFound(WireJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("sucess", false); // sic: the vendor's field name
                w.WriteString("message", "Falha ao consultar o arquivo do documento.");
                w.WriteString("data", "Documento não existe.");
                w.WriteEndObject();
            }));
        }

        return Pdf(EmulatorDocuments.SignedDocument(document));
    }

    /// <summary><c>GET /api/v1/service/evidence/{documentId}</c>.</summary>
    public EmulatorResponse GetEvidence(string documentId, string tenantId)
    {
        var document = Find(documentId, tenantId);
        if (document is null || document.TakeEvidenceNotReady())
        {
            return _forms.SignatureNotFound(WireJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("Message", "Not Found - Documento não existe");
                w.WriteNumber("StatusCode", 404);
                w.WriteNull("Errors");
                w.WriteEndObject();
            }));
        }

        return Pdf(EmulatorDocuments.SignatureEvidence(document));
    }

    private static EmulatorResponse Pdf(PdfFile pdf) =>
        EmulatorResponse.Streamed(200, "application/pdf", pdf.Length, pdf.WriteToAsync);

    private EmulatedSignedDocument? Find(string documentId, string tenantId)
    {
        if (!Guid.TryParse(documentId, out var id))
        {
            return null;
        }

        var document = _store.FindDocument(id);
        return document is not null && string.Equals(document.Process.TenantId, tenantId, StringComparison.Ordinal) ? document : null;
    }
}
