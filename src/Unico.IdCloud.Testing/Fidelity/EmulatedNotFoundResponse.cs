namespace Unico.IdCloud.Testing;

/// <summary>
/// Whether a 404 from a read endpoint carries a body. Under each endpoint's error table the vendor documents both a JSON
/// body (code 5, or the signature API's own bodies) and the note "Não será fornecido nenhum código de erro detalhado
/// para esta situação, apenas o código de status HTTP" (no detailed error code, only the HTTP status). A client that
/// always parses the 404 body works against the first and fails against the second.
/// </summary>
public enum EmulatedNotFoundResponse
{
    /// <summary>
    /// Default: GetProcess, GetSelfie and GetEvidenceSet answer a bare 404 (no body, no content type); the signature API
    /// keeps its documented bodies (<c>{"sucess":false,...}</c> and <c>{"Message":"Not Found - Documento não existe",...}</c>).
    /// </summary>
    Default = 0,

    /// <summary>Every read endpoint's 404 carries its documented JSON body (code 5 on the process API).</summary>
    WithBody = 1,

    /// <summary>Every read endpoint's 404, the signature API's included, is a bare status with no body.</summary>
    StatusOnly = 2,
}
