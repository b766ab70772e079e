namespace Unico.IdCloud.Client;

/// <summary>
/// The service account Unico issued for one environment: account name, tenant id and the RSA private key
/// (the <c>.key.pem</c> file). Give the key either as PEM text or as a file path, not both.
/// </summary>
/// <remarks><see cref="ToString"/> never shows the key.</remarks>
public sealed class IdCloudServiceAccountOptions
{
    /// <summary>The service account name (at most 12 characters, as issued by Unico).</summary>
    public string? AccountName { get; set; }

    /// <summary>The company identifier (tenant id) issued with the account.</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// The RSA private key as PEM text (<c>BEGIN PRIVATE KEY</c> or <c>BEGIN RSA PRIVATE KEY</c>, unencrypted, at least
    /// 2048 bits). Text flattened to one line with literal <c>\n</c> sequences, as environment variables often hold it,
    /// is accepted. Checked at start-up by <see cref="IdCloudServiceAccountCredentials.FromOptions"/>.
    /// </summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>
    /// The path of the <c>.key.pem</c> file holding the RSA private key; relative paths are resolved from the current
    /// directory. The file may also hold a certificate: the private key block is used.
    /// </summary>
    public string? PrivateKeyPath { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"ServiceAccount {{ AccountName = {AccountName ?? "(not set)"}, TenantId = {TenantId ?? "(not set)"}, PrivateKey = {(PrivateKeyPem is not null ? "(PEM text, redacted)" : PrivateKeyPath is not null ? "(file " + PrivateKeyPath + ")" : "(not set)")} }}";
}
