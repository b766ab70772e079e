using System.Globalization;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Doctor;

/// <summary>
/// The service account, checked offline one setting at a time: account name, tenant id, and the private key
/// (readable, a PEM RSA key, at least 2048 bits). The key is loaded by the SDK's own
/// <see cref="IdCloudServiceAccountCredentials.FromOptions"/>, so the doctor judges it exactly as an app would.
/// </summary>
internal static class ServiceAccountChecks
{
    private const int MaxAccountNameLength = 12;
    private const int MinimumKeySize = 2048;

    public static IEnumerable<CheckResult> Run(SettingsSource settings)
    {
        var accountKey = settings.Key("ServiceAccount:AccountName");
        var tenantKey = settings.Key("ServiceAccount:TenantId");
        var account = settings.Get("ServiceAccount:AccountName");
        var tenant = settings.Get("ServiceAccount:TenantId");

        yield return CheckAccountName(accountKey, account);
        yield return CheckTenant(tenantKey, tenant);
        yield return CheckKey(settings);
    }

    private static CheckResult CheckAccountName(string key, string? account)
    {
        const string Name = "service account name";
        if (account is null)
        {
            return CheckResult.Fail(Name, key, $"{key} is not set.", $"Set {key} to the account name Unico issued: the part before '@' in the iss of the payload sent with the key (environment variable {EnvName(key)}).");
        }

        if (account.Contains('@', StringComparison.Ordinal) || account.EndsWith(".iam.acesso.io", StringComparison.OrdinalIgnoreCase))
        {
            return CheckResult.Fail(Name, key, $"{key} looks like a whole issuer ('{account}').", $"Set {key} to the part before '@' only; the SDK builds iss = <AccountName>@<TenantId>.iam.acesso.io itself.");
        }

        if (account.Length > MaxAccountNameLength || account.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            return CheckResult.Fail(Name, key, $"{key} ('{account}') is not an account name: Unico's have at most {MaxAccountNameLength} characters and no spaces.", $"Copy {key} from the iss of the payload Unico sent with the key.");
        }

        return CheckResult.Pass(Name, key, account);
    }

    private static CheckResult CheckTenant(string key, string? tenant)
    {
        const string Name = "tenant id";
        if (tenant is null)
        {
            return CheckResult.Fail(Name, key, $"{key} is not set.", $"Set {key} to the tenant (company) id Unico issued: the part between '@' and '.iam.acesso.io' in the iss of the payload sent with the key (environment variable {EnvName(key)}).");
        }

        if (tenant.Contains('@', StringComparison.Ordinal) || tenant.Contains(".iam.acesso.io", StringComparison.OrdinalIgnoreCase))
        {
            return CheckResult.Fail(Name, key, $"{key} looks like a whole issuer, not a tenant id.", $"Set {key} to the part between '@' and '.iam.acesso.io' only (e.g. 00000000-0000-0000-0000-000000000000).");
        }

        if (tenant.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or ':'))
        {
            return CheckResult.Fail(Name, key, $"{key} contains spaces, slashes or colons: it is not a tenant id.", $"Set {key} to the tenant id of the payload Unico sent with the key (a GUID such as 00000000-0000-0000-0000-000000000000).");
        }

        if (!Guid.TryParseExact(tenant, "D", out _))
        {
            return CheckResult.Warn(Name, key, $"{key} ('{tenant}') is not a GUID; Unico's tenant ids are.", $"Check that {key} is the tenant id of the payload sent with the key, not the company name.");
        }

        return CheckResult.Pass(Name, key, tenant);
    }

    private static CheckResult CheckKey(SettingsSource settings)
    {
        const string Name = "private key";
        var pathKey = settings.Key("ServiceAccount:PrivateKeyPath");
        var pemKey = settings.Key("ServiceAccount:PrivateKeyPem");
        var path = settings.Get("ServiceAccount:PrivateKeyPath");
        var pem = settings.Get("ServiceAccount:PrivateKeyPem");
        if (path is null && pem is null)
        {
            return CheckResult.Fail(Name, pathKey, $"{pathKey} is not set (nor {pemKey}).", $"Set {pathKey} to the .key.pem file Unico sent for this account (environment variable {EnvName(pathKey)}), or put the PEM text in {pemKey} (e.g. in user secrets).");
        }

        if (path is not null && pem is null)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                return CheckResult.Fail(Name, pathKey, $"{pathKey}: the file '{full}' does not exist.", $"Set {pathKey} to the path of the .key.pem file (relative paths start from the current directory: {Environment.CurrentDirectory}).");
            }

            if (Directory.Exists(full))
            {
                return CheckResult.Fail(Name, pathKey, $"{pathKey}: '{full}' is a directory.", $"Set {pathKey} to the .key.pem file itself.");
            }

            try
            {
                using var probe = File.OpenRead(full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return CheckResult.Fail(Name, pathKey, $"{pathKey}: '{full}' cannot be read ({ex.GetType().Name}).", $"Give the user that runs the app read access to it (and nobody else: chmod 600 {full}).");
            }
        }

        var options = new IdCloudServiceAccountOptions
        {
            // The names are checked above; placeholders let the key be judged even when they are missing.
            AccountName = "doctor",
            TenantId = "doctor",
            PrivateKeyPath = path,
            PrivateKeyPem = pem,
        };
        try
        {
            using var credentials = IdCloudServiceAccountCredentials.FromOptions(options, settings.Key("ServiceAccount"));
            var source = pem is null ? $"file '{Path.GetFullPath(path!)}'" : pemKey;
            if (credentials.KeySizeInBits < MinimumKeySize)
            {
                return CheckResult.Fail(Name, pem is null ? pathKey : pemKey, $"the key is RSA {credentials.KeySizeInBits}-bit; at least {MinimumKeySize} bits are required.", "Ask Unico for new credentials with a 2048-bit key.");
            }

            return CheckResult.Pass(Name, pem is null ? pathKey : pemKey, string.Create(CultureInfo.InvariantCulture, $"RSA {credentials.KeySizeInBits}-bit from {source}"));
        }
        catch (IdCloudException ex) when (ex.Kind == IdCloudErrorKind.Configuration)
        {
            var setting = ex.SettingName ?? pathKey;
            return CheckResult.Fail(Name, setting, ex.Message, KeyFix(ex.Message, setting));
        }
    }

    private static string KeyFix(string message, string setting) =>
        message.Contains("bit", StringComparison.OrdinalIgnoreCase)
            ? "Ask Unico for new credentials with a 2048-bit RSA key (RSA >= 2048 is required)."
            : $"Point {setting} at the unencrypted PEM private key (PKCS#1 'BEGIN RSA PRIVATE KEY' or PKCS#8 'BEGIN PRIVATE KEY') Unico sent for this account.";

    /// <summary>The environment variable that sets a key: <c>IdCloud__ServiceAccount__TenantId</c>.</summary>
    public static string EnvName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
