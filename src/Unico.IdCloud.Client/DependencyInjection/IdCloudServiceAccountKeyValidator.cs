using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client.DependencyInjection;

/// <summary>
/// Loads the service account's key at start-up (through <c>ValidateOnStart</c>) so a missing file, a public key, an
/// encrypted or short key fails the application's start with a message naming the setting, not the first request.
/// Skipped when the user registered their own token provider.
/// </summary>
internal sealed class IdCloudServiceAccountKeyValidator(IdCloudAccount account, IEnumerable<IdCloudCustomTokenProviderMarker> customProvider) : IValidateOptions<IdCloudOptions>
{
    private readonly bool _usesCustomProvider = customProvider.Any(m => m.AccountName == account.Name);

    public ValidateOptionsResult Validate(string? name, IdCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(name ?? Options.DefaultName, account.Name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        // Missing settings are reported by IdCloudOptionsValidator; only a complete account is worth loading here.
        var serviceAccount = options.ServiceAccount;
        if (_usesCustomProvider || serviceAccount is null || string.IsNullOrWhiteSpace(serviceAccount.AccountName) || string.IsNullOrWhiteSpace(serviceAccount.TenantId)
            || (serviceAccount.PrivateKeyPem is null) == (serviceAccount.PrivateKeyPath is null))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            using var credentials = IdCloudServiceAccountCredentials.FromOptions(serviceAccount, account.ConfigurationPath + ":ServiceAccount");
            return ValidateOptionsResult.Success;
        }
        catch (IdCloudException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
