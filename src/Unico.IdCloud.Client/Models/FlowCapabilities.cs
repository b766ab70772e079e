namespace Unico.IdCloud.Client.Models;

/// <summary>The capabilities a <see cref="Flow"/> runs. A flow usually combines several.</summary>
[Flags]
public enum FlowCapabilities
{
    /// <summary>No capability known (the flow is unknown to this SDK version).</summary>
    None = 0,

    /// <summary>Liveness (<i>prova de vida</i>): a live person is in front of the camera.</summary>
    Liveness = 1 << 0,

    /// <summary>Identity verification (<i>verificação de identidade</i>): the face belongs to the CPF holder.</summary>
    IdentityVerification = 1 << 1,

    /// <summary>Behaviour alert (<i>alerta de comportamento</i>, "trust"): signs of identity fraud.</summary>
    BehaviorAlert = 1 << 2,

    /// <summary>Document capture and reuse (<i>reaproveitamento e captura de documentos</i>): RG, CNH, CIN, passport.</summary>
    DocumentCapture = 1 << 3,

    /// <summary>Electronic signature (<i>assinatura eletrônica</i>) of the documents sent in the payload.</summary>
    ElectronicSignature = 1 << 4,

    /// <summary>1:1 validation (<i>validação 1:1</i>) against the face of an earlier process (<c>bioTokenId</c>).</summary>
    OneToOneValidation = 1 << 5,

    /// <summary>Face similarity score from the Brazilian government's Serpro database.</summary>
    SerproSimilarity = 1 << 6,

    /// <summary>Risk score (<i>score de risco</i>); being discontinued by the vendor.</summary>
    RiskScore = 1 << 7,
}
