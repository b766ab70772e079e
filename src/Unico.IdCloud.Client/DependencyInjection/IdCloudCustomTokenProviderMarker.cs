namespace Unico.IdCloud.Client.DependencyInjection;

/// <summary>
/// Registered when the user brings their own token provider for one account: that account's service account is then
/// optional.
/// </summary>
/// <param name="AccountName">The account (empty for the default account).</param>
internal sealed record IdCloudCustomTokenProviderMarker(string AccountName);
