namespace Unico.IdCloud.Testing;

/// <summary>The emulated endpoints, as used by fault injection and the request log.</summary>
public enum EmulatorRoute
{
    /// <summary><c>POST /oauth2/token</c> on the identity listener.</summary>
    Token = 0,

    /// <summary><c>POST /client/v1/process</c> on the process listener.</summary>
    CreateProcess = 1,

    /// <summary><c>GET /client/v1/process/{id}</c> on the process listener.</summary>
    GetProcess = 2,

    /// <summary><c>GET /client/v1/process/{id}/selfie</c> on the process listener.</summary>
    GetSelfie = 3,

    /// <summary><c>GET /client/v1/process/{id}/evidenceset</c> on the process listener.</summary>
    GetEvidenceSet = 4,

    /// <summary><c>GET /api/v1/service/file/{documentId}</c> on the signature listener.</summary>
    GetSignedDocument = 5,

    /// <summary><c>GET /api/v1/service/evidence/{documentId}</c> on the signature listener.</summary>
    GetSignatureEvidence = 6,

    /// <summary><c>POST /client/v1/process/{id}/document</c> (Set Process Document) on the process listener.</summary>
    SetProcessDocument = 7,
}
