using System.Security.Cryptography;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Testing;

/// <summary>
/// A service account registered with an <see cref="IdCloudEmulator"/>: a fresh RSA 2048 key pair, an account name and
/// a tenant id. The emulator knows only the public key and verifies assertions with it for real.
/// </summary>
/// <remarks><see cref="ToString"/> never shows the key.</remarks>
public sealed class EmulatedServiceAccount
{
    private readonly Uri _identity;
    private readonly Uri _process;
    private readonly Uri _signature;
    private volatile bool _locked;
    private volatile bool _inactive;

    internal EmulatedServiceAccount(string accountName, string tenantId, EmulatedPermissions permissions, string privateKeyPem, RSA publicKey, Uri identity, Uri process, Uri signature)
    {
        Permissions = permissions;
        AccountName = accountName;
        TenantId = tenantId;
        PrivateKeyPem = privateKeyPem;
        PublicKey = publicKey;
        _identity = identity;
        _process = process;
        _signature = signature;
    }

    /// <summary>The account name (at most 12 characters), the part before <c>@</c> in <see cref="Issuer"/>.</summary>
    public string AccountName { get; }

    /// <summary>The tenant (company) id.</summary>
    public string TenantId { get; }

    /// <summary>The assertion's expected <c>iss</c>: <c>{AccountName}@{TenantId}.iam.acesso.io</c>.</summary>
    public string Issuer => AccountName + "@" + TenantId + ".iam.acesso.io";

    /// <summary>The RSA private key as PKCS#8 PEM text (<c>-----BEGIN PRIVATE KEY-----</c>), like Unico's <c>.key.pem</c> file.</summary>
    public string PrivateKeyPem { get; }

    /// <summary>
    /// What Unico granted this account: without <see cref="EmulatedPermissions.Selfie"/> GetSelfie answers 403 code 7
    /// "no permission", and likewise GetEvidenceSet without <see cref="EmulatedPermissions.EvidenceSet"/>.
    /// </summary>
    public EmulatedPermissions Permissions { get; }

    /// <summary>Whether <see cref="Lock"/> is in effect: token requests fail with 1.2.18.</summary>
    public bool IsLocked => _locked;

    /// <summary>Whether the account is active; after <see cref="Deactivate"/> token requests fail with 1.2.11.</summary>
    public bool IsActive => !_inactive;

    internal RSA PublicKey { get; }

    /// <summary>Scripts a lock-out: every token request of this account fails with 1.2.18 until <see cref="Unlock"/>.</summary>
    public void Lock() => _locked = true;

    /// <summary>Ends a lock-out scripted with <see cref="Lock"/>.</summary>
    public void Unlock() => _locked = false;

    /// <summary>Scripts an inactive account: every token request fails with 1.2.11 until <see cref="Activate"/>.</summary>
    public void Deactivate() => _inactive = true;

    /// <summary>Reactivates an account deactivated with <see cref="Deactivate"/>.</summary>
    public void Activate() => _inactive = false;

    /// <summary>
    /// Points <paramref name="options"/> at the emulator: the identity, process and signature base-address overrides and
    /// the service account (account name, tenant id, private key PEM text; any key file path is cleared).
    /// </summary>
    /// <param name="options">The options to plug into <c>AddIdCloud</c>.</param>
    public void ApplyTo(IdCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.IdentityBaseAddress = _identity;
        options.ProcessApiBaseAddress = _process;
        options.SignatureApiBaseAddress = _signature;
        options.ServiceAccount ??= new IdCloudServiceAccountOptions();
        options.ServiceAccount.AccountName = AccountName;
        options.ServiceAccount.TenantId = TenantId;
        options.ServiceAccount.PrivateKeyPem = PrivateKeyPem;
        options.ServiceAccount.PrivateKeyPath = null;
    }

    /// <inheritdoc />
    public override string ToString() => $"EmulatedServiceAccount {{ Issuer = {Issuer}, PrivateKey = (redacted) }}";
}
