using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Doctor;

/// <summary>
/// The three hosts (identity, process API, signature API) as the SDK will use them, and the assertion's audience:
/// no UAT and production hosts mixed, and an identity address that is a bare host (<c>aud</c> must be exactly it).
/// </summary>
internal static class HostChecks
{
    public static IEnumerable<CheckResult> Run(SettingsSource settings)
    {
        var environmentKey = settings.Key("Environment");
        var familyKey = settings.Key("ProcessHostFamily");
        var environment = IdCloudEnvironment.Uat;
        if (settings.Get("Environment") is { } envText && (!Enum.TryParse(envText, ignoreCase: true, out environment) || !Enum.IsDefined(environment) || char.IsAsciiDigit(envText[0])))
        {
            yield return CheckResult.Fail("environment", environmentKey, $"{environmentKey} is '{envText}'.", $"Set {environmentKey} to Uat or Production.");
            yield break;
        }

        var family = IdCloudProcessHostFamily.Cadastro;
        if (settings.Get("ProcessHostFamily") is { } familyText && (!Enum.TryParse(familyText, ignoreCase: true, out family) || !Enum.IsDefined(family) || char.IsAsciiDigit(familyText[0])))
        {
            yield return CheckResult.Fail("environment", familyKey, $"{familyKey} is '{familyText}'.", $"Set {familyKey} to Cadastro or IdCloud.");
            yield break;
        }

        var hosts = new List<(string Key, Uri Address, bool Overridden)>();
        var broken = new List<CheckResult>();
        AddHost(settings, "IdentityBaseAddress", IdCloudHosts.Identity(environment), hosts, broken);
        AddHost(settings, "ProcessApiBaseAddress", IdCloudHosts.ProcessApi(environment, family), hosts, broken);
        AddHost(settings, "SignatureApiBaseAddress", IdCloudHosts.SignatureApi(environment), hosts, broken);
        if (broken.Count > 0)
        {
            foreach (var failure in broken)
            {
                yield return failure;
            }

            yield break;
        }

        yield return CheckMix(environment, environmentKey, hosts);
        yield return CheckAudience(hosts[0].Key, hosts[0].Address);
    }

    private static void AddHost(SettingsSource settings, string property, Uri preset, List<(string, Uri, bool)> hosts, List<CheckResult> broken)
    {
        var key = settings.Key(property);
        var text = settings.Get(property);
        if (text is null)
        {
            hosts.Add((key, preset, false));
            return;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            broken.Add(CheckResult.Fail("hosts", key, $"{key} ('{text}') is not an absolute http(s) URL.", $"Set {key} to a URL such as {preset.OriginalString}, or remove it to use the {settings.Key("Environment")} preset."));
            return;
        }

        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
        {
            broken.Add(CheckResult.Fail("hosts", key, $"{key} uses http:// for '{address.Host}'.", $"Use https:// (http is only for loopback emulators), e.g. {preset.OriginalString}."));
            return;
        }

        hosts.Add((key, address, true));
    }

    private static CheckResult CheckMix(IdCloudEnvironment environment, string environmentKey, List<(string Key, Uri Address, bool Overridden)> hosts)
    {
        var kinds = hosts.Select(h => (h.Key, h.Address, Kind: HostClassifier.Classify(h.Address), h.Overridden)).ToList();
        var uat = kinds.Where(k => k.Kind == HostKind.Uat).ToList();
        var production = kinds.Where(k => k.Kind == HostKind.Production).ToList();
        string Describe(IEnumerable<(string Key, Uri Address, HostKind Kind, bool Overridden)> list) =>
            string.Join(", ", list.Select(k => $"{k.Key} = {k.Address.Host}{(k.Overridden ? string.Empty : $" (preset of {environmentKey} = {environment})")}"));

        if (uat.Count > 0 && production.Count > 0)
        {
            return CheckResult.Fail(
                "hosts",
                string.Join(", ", uat.Concat(production).Where(k => k.Overridden).Select(k => k.Key).DefaultIfEmpty(environmentKey)),
                $"UAT and production hosts are mixed: UAT {Describe(uat)}; production {Describe(production)}. Credentials work in one environment only (the most common cause of 401).",
                $"Use the hosts of one environment: set {environmentKey} to Uat or Production and remove the base-address overrides (or make them all UAT or all production).");
        }

        var local = kinds.Where(k => k.Kind == HostKind.Local).ToList();
        if (local.Count > 0 && local.Count < kinds.Count)
        {
            return CheckResult.Warn("hosts", string.Join(", ", local.Select(k => k.Key)), $"Some hosts are local (emulator) and some are remote: {string.Join(", ", kinds.Select(k => $"{k.Key} = {k.Address.Authority}"))}.", "Set all three base addresses from `idcloud emulator`'s output, or none of them.");
        }

        return CheckResult.Pass("hosts", null, string.Join(", ", kinds.Select(k => $"{k.Address.Authority} ({k.Kind})")));
    }

    private static CheckResult CheckAudience(string key, Uri identity)
    {
        const string Name = "audience";
        var origin = identity.GetLeftPart(UriPartial.Authority);
        var aud = identity.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (!string.IsNullOrEmpty(identity.Query) || !string.IsNullOrEmpty(identity.Fragment))
        {
            return CheckResult.Fail(Name, key, $"{key} has a query or fragment ('{identity.OriginalString}').", $"Set {key} to {origin} (scheme and host only).");
        }

        if (!string.Equals(aud, origin, StringComparison.OrdinalIgnoreCase))
        {
            return CheckResult.Fail(
                Name,
                key,
                $"{key} has a path ('{identity.AbsolutePath}'): the assertion's aud would be '{aud}', but Unico requires exactly '{origin}', and the token URL would be wrong.",
                $"Set {key} to {origin} (no path, no trailing slash).");
        }

        if (identity.OriginalString.EndsWith('/'))
        {
            return CheckResult.Warn(
                Name,
                key,
                $"{key} ends with '/' ('{identity.OriginalString}'). The SDK drops it (aud = '{aud}'), but an assertion signed with a trailing slash in aud is refused (1.2.5).",
                $"Write {key} as {origin} (no trailing slash) so other tools that read it build the same aud.");
        }

        return CheckResult.Pass(Name, key, "aud = " + aud);
    }
}
