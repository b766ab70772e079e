using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>
/// A throw-away TLS certificate for the sample's https callback address (IDCloud accepts only https callbacks), issued
/// to <c>localhost</c> and 127.0.0.1. Clients trust exactly this certificate, by its hash, never "any certificate".
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        SpkiSha256 = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's SHA-256 thumbprint (hex), for an HttpClient's validation callback.</summary>
    public string Sha256 { get; }

    /// <summary>base64(SHA-256(SubjectPublicKeyInfo)): what Chromium's <c>--ignore-certificate-errors-spki-list</c> takes.</summary>
    public string SpkiSha256 { get; }

    public static TestCertificate Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server auth
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Through PKCS#12 so the private key is a persisted one that SslStream can use on every platform.
        return new TestCertificate(X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null));
    }

    public bool IsThis(X509Certificate? presented) =>
        presented is not null && string.Equals(presented.GetCertHashString(HashAlgorithmName.SHA256), Sha256, StringComparison.Ordinal);

    public void Dispose() => Certificate.Dispose();
}
