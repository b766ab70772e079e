namespace Unico.IdCloud.Testing;

/// <summary>What a by Unico flow does, as far as the emulator needs to know.</summary>
[Flags]
internal enum FlowFeatures
{
    None = 0,
    Liveness = 1,
    Identity = 2,
    RiskScore = 4,
    BehaviourAlert = 8,
    Documents = 16,
    Signature = 32,
    BioToken = 64,
    Serpro = 128,
    UseCaseRequired = 256,
}

/// <summary>One known flow and its capacities.</summary>
internal sealed record FlowProfile(string Name, FlowFeatures Features)
{
    public bool Has(FlowFeatures feature) => (Features & feature) == feature;

    /// <summary>The <c>PROCESS_CAPACITY_*</c> values the process reports, in the vendor example's order.</summary>
    public IReadOnlyList<string> Capacities
    {
        get
        {
            var capacities = new List<string>();
            if (Has(FlowFeatures.Identity))
            {
                capacities.Add("PROCESS_CAPACITY_IDUNICO");
            }

            if (Has(FlowFeatures.RiskScore))
            {
                capacities.Add("PROCESS_CAPACITY_IDCHECK");
            }

            if (Has(FlowFeatures.BioToken))
            {
                capacities.Add("PROCESS_CAPACITY_IDTOKEN");
            }

            if (Has(FlowFeatures.BehaviourAlert))
            {
                capacities.Add("PROCESS_CAPACITY_IDTRUST");
            }

            if (Has(FlowFeatures.Serpro))
            {
                capacities.Add("PROCESS_CAPACITY_IDSERPRO");
            }

            if (Has(FlowFeatures.Documents))
            {
                capacities.Add("PROCESS_CAPACITY_IDDOCS");
            }

            if (Has(FlowFeatures.Signature))
            {
                capacities.Add("PROCESS_CAPACITY_IDSIGN");
            }

            if (Has(FlowFeatures.Liveness))
            {
                capacities.Add("PROCESS_CAPACITY_IDLIVE");
            }

            return capacities;
        }
    }
}
