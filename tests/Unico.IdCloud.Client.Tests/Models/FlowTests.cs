using Unico.IdCloud.Client.Models;
using static Unico.IdCloud.Client.Models.FlowCapabilities;

namespace Unico.IdCloud.Client.Tests.Models;

public class FlowTests
{
    private static readonly string[] CurrentFlows =
    [
        "idlive", "id", "idlivetrust", "idtrust", "idunicodocs", "idunicosign", "idunicodocssign",
        "idunicoserprodocssign", "idtrustdocs", "idtrustsign", "idtrustdocssign", "idtoken", "idtokentrust", "idtokensign",
    ];

    private static readonly string[] DeprecatedFlows =
    [
        "idcheck", "iddocs", "idsign", "iddocssign", "idchecktrust", "idchecktrustdocs", "idchecktrustsign",
        "idchecktrustdocssign", "idcheckserpro", "idcheckserprodocs", "idcheckserprodocssign", "creditoconsignado",
    ];

    private static readonly string[] OtherFlows = ["idsmart", "idage", "idagedocumentless", "idtransactional"];

    [Fact]
    public void Known_flows_are_exactly_the_documented_ones()
    {
        Assert.Equal(
            CurrentFlows.Concat(DeprecatedFlows).Concat(OtherFlows).Order(StringComparer.Ordinal),
            Flow.KnownValues.Select(f => f.Value).Order(StringComparer.Ordinal));
        Assert.Same(Flow.KnownValues, KnownValuesOf<Flow>());
    }

    [Fact]
    public void Deprecated_flags_follow_the_deprecated_table()
    {
        foreach (var flow in DeprecatedFlows)
        {
            Assert.True(Flow.From(flow).IsDeprecated, flow);
            Assert.True(Flow.From(flow).Has(RiskScore), flow);
        }

        foreach (var flow in CurrentFlows.Concat(OtherFlows))
        {
            Assert.False(Flow.From(flow).IsDeprecated, flow);
            Assert.False(Flow.From(flow).Has(RiskScore), flow);
        }
    }

    [Fact]
    public void Every_known_flow_includes_liveness()
    {
        Assert.All(Flow.KnownValues, flow => Assert.True(flow.Has(Liveness), flow.Value));
    }

    [Theory]
    [InlineData("idlive", Liveness)]
    [InlineData("id", Liveness | IdentityVerification)]
    [InlineData("idlivetrust", Liveness | BehaviorAlert)]
    [InlineData("idunicosign", Liveness | IdentityVerification | ElectronicSignature)]
    [InlineData("idunicoserprodocssign", Liveness | IdentityVerification | SerproSimilarity | DocumentCapture | ElectronicSignature)]
    [InlineData("idtrustdocssign", Liveness | IdentityVerification | BehaviorAlert | DocumentCapture | ElectronicSignature)]
    [InlineData("idtoken", Liveness | OneToOneValidation)]
    [InlineData("idtokentrust", Liveness | OneToOneValidation | BehaviorAlert)]
    [InlineData("idtokensign", Liveness | OneToOneValidation | ElectronicSignature)]
    [InlineData("idcheck", Liveness | IdentityVerification | RiskScore)]
    [InlineData("iddocs", Liveness | IdentityVerification | RiskScore | DocumentCapture)]
    [InlineData("idchecktrustdocssign", Liveness | IdentityVerification | RiskScore | BehaviorAlert | DocumentCapture | ElectronicSignature)]
    [InlineData("idcheckserpro", Liveness | IdentityVerification | RiskScore | SerproSimilarity)]
    [InlineData("creditoconsignado", Liveness | IdentityVerification | RiskScore | SerproSimilarity | ElectronicSignature)]
    [InlineData("idtransactional", Liveness | OneToOneValidation)]
    [InlineData("idage", Liveness)]
    public void Capability_table_spot_checks(string flow, FlowCapabilities expected)
    {
        Assert.Equal(expected, Flow.From(flow).Capabilities);
    }

    // An independent implementation of the naming rule documented on Flow, applied to every current flow.
    [Fact]
    public void Current_flows_follow_the_documented_naming_rule()
    {
        foreach (var name in CurrentFlows)
        {
            var rest = name[2..];
            var expected = Liveness;
            if (!rest.StartsWith("live", StringComparison.Ordinal) && !rest.StartsWith("token", StringComparison.Ordinal))
            {
                expected |= IdentityVerification;
            }

            if (rest.Contains("trust", StringComparison.Ordinal)) expected |= BehaviorAlert;
            if (rest.Contains("docs", StringComparison.Ordinal)) expected |= DocumentCapture;
            if (rest.Contains("sign", StringComparison.Ordinal)) expected |= ElectronicSignature;
            if (rest.Contains("token", StringComparison.Ordinal)) expected |= OneToOneValidation;
            if (rest.Contains("serpro", StringComparison.Ordinal)) expected |= SerproSimilarity;
            if (rest.Contains("check", StringComparison.Ordinal)) expected |= RiskScore;

            Assert.True(expected == Flow.From(name).Capabilities, $"{name}: expected {expected}, got {Flow.From(name).Capabilities}");
        }
    }

    [Fact]
    public void Has_requires_every_requested_capability()
    {
        Assert.True(Flow.IdUnicoDocsSign.Has(DocumentCapture | ElectronicSignature));
        Assert.False(Flow.IdUnicoSign.Has(DocumentCapture | ElectronicSignature));
        Assert.True(Flow.IdUnicoSign.Has(ElectronicSignature));
        Assert.False(Flow.IdLive.Has(IdentityVerification));
    }

    [Fact]
    public void Unknown_flows_have_no_capabilities_and_are_not_deprecated()
    {
        var flow = Flow.From("idsomethingnew");
        Assert.False(flow.IsKnown);
        Assert.Equal(None, flow.Capabilities);
        Assert.False(flow.IsDeprecated);
        Assert.False(flow.Has(Liveness));

        // Case matters on the wire, so a differently-cased known name is unknown too.
        Assert.Equal(None, Flow.From("IDUNICOSIGN").Capabilities);
    }

    private static IReadOnlyList<T> KnownValuesOf<T>()
        where T : struct, IExtensibleEnumValue<T> => T.KnownValues;
}
