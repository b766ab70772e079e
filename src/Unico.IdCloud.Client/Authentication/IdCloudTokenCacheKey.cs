using System.Globalization;

namespace Unico.IdCloud.Client;

/// <summary>
/// Which service account a cached access token belongs to: the identity host (UAT and production never share
/// tokens), the tenant and the account name. A shared token store must never serve a token under another key.
/// </summary>
/// <param name="IdentityHost">The identity host as the assertion's audience, e.g. <c>https://identity.acesso.io</c>.</param>
/// <param name="TenantId">The tenant (company) id.</param>
/// <param name="AccountName">The service account name.</param>
internal sealed record IdCloudTokenCacheKey(string IdentityHost, string TenantId, string AccountName)
{
    /// <summary>A stable text form, <c>host|tenant|account</c>, for use in a shared store's keys. Holds no secret.</summary>
    /// <returns>The key as text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{IdentityHost}|{TenantId}|{AccountName}");
}
