namespace Unico.IdCloud.Testing;

/// <summary>
/// What Unico grants a service account case by case. The vendor: "A liberação da permissão para obter a selfie do
/// usuário dependerá de avaliação interna da Unico"; without it GetSelfie answers 403 with code 7 "no permission", and
/// the evidence set's error table lists the same code 7.
/// </summary>
[Flags]
public enum EmulatedPermissions
{
    /// <summary>Neither the selfie nor the evidence set.</summary>
    None = 0,

    /// <summary><c>GET /client/v1/process/{id}/selfie</c>.</summary>
    Selfie = 1,

    /// <summary><c>GET /client/v1/process/{id}/evidenceset</c>.</summary>
    EvidenceSet = 2,

    /// <summary>Everything (the default of <see cref="IdCloudEmulator.CreateServiceAccount"/>).</summary>
    All = Selfie | EvidenceSet,
}
