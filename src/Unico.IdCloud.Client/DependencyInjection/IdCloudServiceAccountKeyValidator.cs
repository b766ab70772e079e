using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client.DependencyInjection;

/// <summary>
/// Loads the service account's key at start-up (through <c>ValidateOnStart</c>) so a missing file, a public key, an
/// encrypted or short key fails the application's start with a message naming the setting, not the first request.
/// Skipped when the user registered their own token provider.
/// </summary>
internal sealed class IdCloudServiceAccountKeyValidator(IEnumerable<IdCloudCustomTokenProviderMarker> customProvider) : IValidateOptions<IdCloudOptions>
{
    private readonly bool _usesCustomProvider = customProvider.Any();

    public ValidateOptionsResult Validate(string? name, IdCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Missing settings are reported by IdCloudOptionsValidator; only a complete account is worth loading here.
        var account = options.ServiceAccount;
        if (_usesCustomProvider || account is null || string.IsNullOrWhiteSpace(account.AccountName) || string.IsNullOrWhiteSpace(account.TenantId)
            || (account.PrivateKeyPem is null) == (account.PrivateKeyPath is null))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            using var credentials = IdCloudServiceAccountCredentials.FromOptions(options.ServiceAccount);
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
