namespace Unico.IdCloud.Client;

/// <summary>The files IDCloud keeps for a finished process.</summary>
public enum IdCloudArtifactKind
{
    /// <summary>The watermarked selfie (needs a permission Unico grants case by case).</summary>
    Selfie = 0,

    /// <summary>The evidence set: a PDF with the authentication evidence of the process.</summary>
    EvidenceSet,

    /// <summary>A signed PDF, for flows with electronic signature (one per document id).</summary>
    SignedDocument,

    /// <summary>The signature evidence PDF of a signed document (one per document id).</summary>
    SignatureEvidence,
}
