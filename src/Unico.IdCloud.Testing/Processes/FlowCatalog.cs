namespace Unico.IdCloud.Testing;

/// <summary>
/// The flows CreateProcess accepts: the vendor's current table, its deprecated (risk-score) flows, and the few extra
/// names the newer portal documents. Anything else is "invalid flow", as on the real service.
/// </summary>
internal static class FlowCatalog
{
    private const FlowFeatures Live = FlowFeatures.Liveness;
    private const FlowFeatures Id = FlowFeatures.Liveness | FlowFeatures.Identity;
    private const FlowFeatures Check = Id | FlowFeatures.RiskScore;
    private const FlowFeatures Trust = FlowFeatures.BehaviourAlert;
    private const FlowFeatures Docs = FlowFeatures.Documents;
    private const FlowFeatures Sign = FlowFeatures.Signature;
    private const FlowFeatures Token = FlowFeatures.Liveness | FlowFeatures.BioToken;
    private const FlowFeatures Serpro = FlowFeatures.Serpro;

    private static readonly Dictionary<string, FlowProfile> Flows = new FlowProfile[]
    {
        new("idlive", Live),
        new("id", Id),
        new("idlivetrust", Live | Trust),
        new("idtrust", Id | Trust),
        new("idunicodocs", Id | Docs),
        new("idunicosign", Id | Sign),
        new("idunicodocssign", Id | Docs | Sign),
        new("idunicoserprodocssign", Id | Serpro | Docs | Sign),
        new("idtrustdocs", Id | Trust | Docs),
        new("idtrustsign", Id | Trust | Sign),
        new("idtrustdocssign", Id | Trust | Docs | Sign),
        new("idtoken", Token),
        new("idtokentrust", Token | Trust),
        new("idtokensign", Token | Sign),

        // Deprecated flows with the risk score capacity.
        new("idcheck", Check),
        new("iddocs", Check | Docs),
        new("idsign", Check | Sign),
        new("iddocssign", Check | Docs | Sign),
        new("idchecktrust", Check | Trust),
        new("idchecktrustdocs", Check | Trust | Docs),
        new("idchecktrustsign", Check | Trust | Sign),
        new("idchecktrustdocssign", Check | Trust | Docs | Sign),
        new("idcheckserpro", Check | Serpro),
        new("idcheckserprodocs", Check | Serpro | Docs),
        new("idcheckserprodocssign", Check | Serpro | Docs | Sign),
        new("creditoconsignado", Check | Serpro | Sign),

        // Named by the newer developer portal.
        new("idsmart", Id | FlowFeatures.UseCaseRequired),
        new("idage", Live),
        new("idagedocumentless", Live),
        new("idtransactional", Id | FlowFeatures.BioToken),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static FlowProfile? Find(string? name) => name is null ? null : Flows.GetValueOrDefault(name);
}
