using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Doctor;

/// <summary>Tells UAT hosts from production ones, using the SDK's own list of Unico's hosts.</summary>
internal static class HostClassifier
{
    private static readonly Uri[] UatHosts =
        [IdCloudHosts.UatIdentity, IdCloudHosts.UatCadastroProcessApi, IdCloudHosts.UatIdCloudProcessApi, IdCloudHosts.UatSignatureApi];

    private static readonly Uri[] ProductionHosts =
        [IdCloudHosts.ProductionIdentity, IdCloudHosts.ProductionCadastroProcessApi, IdCloudHosts.ProductionIdCloudProcessApi, IdCloudHosts.ProductionSignatureApi];

    public static HostKind Classify(Uri address)
    {
        if (address.IsLoopback)
        {
            return HostKind.Local;
        }

        if (UatHosts.Any(h => SameHost(h, address)))
        {
            return HostKind.Uat;
        }

        return ProductionHosts.Any(h => SameHost(h, address)) ? HostKind.Production : HostKind.Other;
    }

    private static bool SameHost(Uri a, Uri b) => string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase);
}
