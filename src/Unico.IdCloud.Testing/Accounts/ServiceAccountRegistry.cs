using System.Security.Cryptography;

namespace Unico.IdCloud.Testing;

/// <summary>The tenants and service accounts the identity endpoint knows.</summary>
internal sealed class ServiceAccountRegistry : IDisposable
{
    public const int MaxAccountNameLength = 12;

    private readonly object _gate = new();
    private readonly Dictionary<(string Tenant, string Account), EmulatedServiceAccount> _accounts = [];
    private readonly HashSet<string> _tenants = new(StringComparer.Ordinal);

    public EmulatedServiceAccount Create(string? accountName, string tenantId, EmulatedPermissions permissions, Uri identity, Uri process, Uri signature)
    {
        accountName ??= "svc" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        if (accountName.Length is 0 or > MaxAccountNameLength)
        {
            throw new ArgumentException($"A service account name has 1 to {MaxAccountNameLength} characters (Unico's limit).", nameof(accountName));
        }

        if (!IsPlainName(accountName))
        {
            throw new ArgumentException("A service account name uses letters, digits, '-', '_' or '.' only.", nameof(accountName));
        }

        if (tenantId.Length == 0 || !IsPlainName(tenantId))
        {
            throw new ArgumentException("A tenant id uses letters, digits, '-', '_' or '.' only.", nameof(tenantId));
        }

        string privateKeyPem;
        RSA publicKey;
        using (var keyPair = RSA.Create(2048))
        {
            privateKeyPem = keyPair.ExportPkcs8PrivateKeyPem();
            publicKey = RSA.Create();
            publicKey.ImportParameters(keyPair.ExportParameters(includePrivateParameters: false));
        }

        var account = new EmulatedServiceAccount(accountName, tenantId, permissions, privateKeyPem, publicKey, identity, process, signature);
        lock (_gate)
        {
            if (!_accounts.TryAdd((tenantId, accountName), account))
            {
                publicKey.Dispose();
                throw new ArgumentException($"Tenant {tenantId} already has an account named {accountName}.", nameof(accountName));
            }

            _tenants.Add(tenantId);
        }

        return account;
    }

    public bool IsKnownTenant(string tenantId)
    {
        lock (_gate)
        {
            return _tenants.Contains(tenantId);
        }
    }

    public EmulatedServiceAccount? Find(string tenantId, string accountName)
    {
        lock (_gate)
        {
            return _accounts.GetValueOrDefault((tenantId, accountName));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var account in _accounts.Values)
            {
                account.PublicKey.Dispose();
            }

            _accounts.Clear();
        }
    }

    private static bool IsPlainName(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
