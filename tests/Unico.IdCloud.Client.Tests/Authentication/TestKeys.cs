using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>Real keys generated once per test run (RSA 2048 like Unico's), in every PEM form the tests need.</summary>
internal static class TestKeys
{
    private static readonly Lazy<RSA> SharedRsa = new(() => RSA.Create(2048));

    /// <summary>The 2048-bit RSA key used by most tests (never disposed: shared across tests).</summary>
    public static RSA Rsa2048 => SharedRsa.Value;

    /// <summary>The shared key as PKCS#8 PEM (<c>BEGIN PRIVATE KEY</c>), the form Unico sends.</summary>
    public static string Pkcs8Pem => Rsa2048.ExportPkcs8PrivateKeyPem();

    /// <summary>The shared key as PKCS#1 PEM (<c>BEGIN RSA PRIVATE KEY</c>).</summary>
    public static string Pkcs1Pem => Rsa2048.ExportRSAPrivateKeyPem();

    /// <summary>The base64 body of <see cref="Pkcs8Pem"/> without line breaks: what must never leak.</summary>
    public static string Pkcs8Body => string.Concat(Pkcs8Pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));

    /// <summary>The lines of the PEM body, each a 64-character fragment of key material.</summary>
    public static IReadOnlyList<string> PemBodyLines(string pem) =>
        pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)).ToList();

    /// <summary>A self-signed certificate for the shared key, as PEM (<c>BEGIN CERTIFICATE</c>).</summary>
    public static string CertificatePem()
    {
        var request = new CertificateRequest("CN=test.iam.acesso.io", Rsa2048, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }

    /// <summary>Credentials over the shared key for account <c>acme</c> in tenant <c>tenant-1</c>.</summary>
    public static IdCloudServiceAccountCredentials Credentials(string accountName = "acme", string tenantId = "tenant-1") =>
        IdCloudServiceAccountCredentials.FromOptions(new IdCloudServiceAccountOptions
        {
            AccountName = accountName,
            TenantId = tenantId,
            PrivateKeyPem = Pkcs8Pem,
        });
}
