using System.Security.Cryptography;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>Start-up validation of the service account: every bad setting fails with a message naming the key to fix.</summary>
public sealed class ServiceAccountCredentialsTests : IDisposable
{
    private const string PemKey = "IdCloud:ServiceAccount:PrivateKeyPem";
    private const string PathKey = "IdCloud:ServiceAccount:PrivateKeyPath";

    private readonly string _directory = Directory.CreateTempSubdirectory("idcloud-auth-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Pkcs8_pem_text_loads_the_key_and_builds_the_issuer()
    {
        using var credentials = Load(pem: TestKeys.Pkcs8Pem);

        Assert.Equal("acme", credentials.AccountName);
        Assert.Equal("tenant-1", credentials.TenantId);
        Assert.Equal("acme@tenant-1.iam.acesso.io", credentials.Issuer);
        Assert.Equal(2048, credentials.KeySizeInBits);
        AssertSameKey(TestKeys.Rsa2048, credentials);
    }

    [Fact]
    public void Pkcs1_pem_text_loads_the_same_key()
    {
        using var credentials = Load(pem: TestKeys.Pkcs1Pem);

        AssertSameKey(TestKeys.Rsa2048, credentials);
    }

    [Theory]
    [InlineData("pkcs8")]
    [InlineData("pkcs1")]
    public void Key_file_in_either_form_loads(string form)
    {
        var path = WriteFile("key.pem", form == "pkcs8" ? TestKeys.Pkcs8Pem : TestKeys.Pkcs1Pem);

        using var credentials = Load(path: path);

        AssertSameKey(TestKeys.Rsa2048, credentials);
        Assert.Contains(path, credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_holding_a_certificate_and_the_key_uses_the_key()
    {
        var path = WriteFile("bundle.pem", TestKeys.CertificatePem() + "\n" + TestKeys.Pkcs8Pem);

        using var credentials = Load(path: path);

        AssertSameKey(TestKeys.Rsa2048, credentials);
    }

    [Fact]
    public void Pem_flattened_with_literal_backslash_n_as_in_environment_variables_loads()
    {
        var flattened = TestKeys.Pkcs8Pem.Replace("\n", "\\n", StringComparison.Ordinal);

        using var credentials = Load(pem: flattened);

        AssertSameKey(TestKeys.Rsa2048, credentials);
    }

    [Fact]
    public void Surrounding_whitespace_in_names_is_trimmed()
    {
        using var credentials = Load(pem: TestKeys.Pkcs8Pem, account: " acme ", tenant: "tenant-1\n");

        Assert.Equal("acme@tenant-1.iam.acesso.io", credentials.Issuer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_account_name_names_the_setting(string? account)
    {
        var error = Fails(pem: TestKeys.Pkcs8Pem, account: account);

        Assert.Equal("IdCloud:ServiceAccount:AccountName", error.SettingName);
        Assert.StartsWith("IdCloud:ServiceAccount:AccountName is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Blank_tenant_names_the_setting(string? tenant)
    {
        var error = Fails(pem: TestKeys.Pkcs8Pem, tenant: tenant);

        Assert.Equal("IdCloud:ServiceAccount:TenantId", error.SettingName);
        Assert.Contains("tenant", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("acme@tenant-1.iam.acesso.io", "tenant-1", "IdCloud:ServiceAccount:AccountName")]
    [InlineData("acme", "tenant-1.iam.acesso.io", "IdCloud:ServiceAccount:TenantId")]
    public void A_whole_issuer_in_a_name_setting_is_explained(string account, string tenant, string setting)
    {
        var error = Fails(pem: TestKeys.Pkcs8Pem, account: account, tenant: tenant);

        Assert.Equal(setting, error.SettingName);
        Assert.Contains("builds iss", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_pem_nor_path_names_the_path_setting()
    {
        var error = Fails();

        Assert.Equal(PathKey, error.SettingName);
        Assert.Contains(PemKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_pem_and_path_is_refused()
    {
        var error = Fails(pem: TestKeys.Pkcs8Pem, path: WriteFile("k.pem", TestKeys.Pkcs8Pem));

        Assert.Contains("Set only one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_key_file_names_the_path_setting_and_the_file()
    {
        var path = Path.Combine(_directory, "missing.key.pem");

        var error = Fails(path: path);

        Assert.Equal(PathKey, error.SettingName);
        Assert.StartsWith(PathKey + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_instead_of_file_is_explained()
    {
        var error = Fails(path: _directory);

        Assert.Equal(PathKey, error.SettingName);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not a key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----")]
    public void Malformed_pem_names_the_setting(string text)
    {
        var error = Fails(pem: text);

        Assert.Equal(PemKey, error.SettingName);
        Assert.Contains("BEGIN PRIVATE KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_der_inside_a_valid_pem_frame_is_malformed()
    {
        var der = TestKeys.Rsa2048.ExportPkcs8PrivateKey();
        var truncated = new string(PemEncoding.Write("PRIVATE KEY", der.AsSpan(0, der.Length / 2)));

        var error = Fails(pem: truncated);

        Assert.Contains("damaged or truncated", error.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(error, truncated);
    }

    [Fact]
    public void Truncated_pkcs1_key_is_malformed()
    {
        var der = TestKeys.Rsa2048.ExportRSAPrivateKey();
        var truncated = new string(PemEncoding.Write("RSA PRIVATE KEY", der.AsSpan(0, der.Length - 40)));

        var error = Fails(pem: truncated);

        Assert.Contains("damaged or truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spki")]
    [InlineData("pkcs1")]
    public void Public_key_instead_of_private_key_is_explained(string form)
    {
        var pem = form == "spki" ? TestKeys.Rsa2048.ExportSubjectPublicKeyInfoPem() : TestKeys.Rsa2048.ExportRSAPublicKeyPem();
        var path = WriteFile("public.pem", pem);

        var error = Fails(path: path);

        Assert.Equal(PathKey, error.SettingName);
        Assert.Contains("public key, not the private key", error.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(error, pem);
    }

    [Fact]
    public void Certificate_instead_of_private_key_is_explained()
    {
        var pem = TestKeys.CertificatePem();

        var error = Fails(path: WriteFile("cert.pem", pem));

        Assert.Contains("certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains("not the private key", error.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(error, pem);
    }

    [Fact]
    public void Encrypted_pkcs8_key_is_explained()
    {
        var pem = TestKeys.Rsa2048.ExportEncryptedPkcs8PrivateKeyPem(
            "secret-password",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));

        var error = Fails(path: WriteFile("encrypted.pem", pem));

        Assert.Equal(PathKey, error.SettingName);
        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", error.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(error, pem);
    }

    [Fact]
    public void Legacy_openssl_encrypted_rsa_key_is_explained()
    {
        var pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";

        var error = Fails(pem: pem);

        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pkcs8")]
    [InlineData("sec1")]
    public void Ec_key_is_refused_as_not_rsa(string form)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = form == "pkcs8" ? ec.ExportPkcs8PrivateKeyPem() : ec.ExportECPrivateKeyPem();

        var error = Fails(pem: pem);

        Assert.Equal(PemKey, error.SettingName);
        Assert.Contains("EC (elliptic-curve) key, not an RSA key", error.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(error, pem);
    }

    [Fact]
    public void Rsa_key_under_2048_bits_is_refused()
    {
        using var small = RSA.Create(1024);
        var pem = small.ExportPkcs8PrivateKeyPem();

        var error = Fails(path: WriteFile("small.pem", pem));

        Assert.Equal(PathKey, error.SettingName);
        Assert.Contains("1024-bit", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 2048 bits", error.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(error, pem);
    }

    [Fact]
    public void A_custom_configuration_path_is_used_in_messages()
    {
        var error = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () =>
            IdCloudServiceAccountCredentials.FromOptions(new IdCloudServiceAccountOptions { TenantId = "t" }, "IdCloud:Clients:Billing:ServiceAccount"));

        Assert.Equal("IdCloud:Clients:Billing:ServiceAccount:AccountName", error.SettingName);
    }

    [Fact]
    public void ToString_of_options_and_credentials_shows_no_key_material()
    {
        var options = new IdCloudServiceAccountOptions { AccountName = "acme", TenantId = "tenant-1", PrivateKeyPem = TestKeys.Pkcs8Pem };
        using var credentials = IdCloudServiceAccountCredentials.FromOptions(options);

        foreach (var text in new[] { options.ToString(), credentials.ToString() })
        {
            Assert.Contains("redacted", text, StringComparison.Ordinal);
            foreach (var line in TestKeys.PemBodyLines(TestKeys.Pkcs8Pem))
            {
                Assert.DoesNotContain(line, text, StringComparison.Ordinal);
            }
        }

        Assert.Contains("acme@tenant-1.iam.acesso.io", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Disposed_credentials_refuse_to_sign()
    {
        var credentials = Load(pem: TestKeys.Pkcs8Pem);
        credentials.Dispose();

        Assert.Throws<ObjectDisposedException>(() => credentials.PrivateKey);
    }

    private static IdCloudServiceAccountCredentials Load(string? pem = null, string? path = null, string? account = "acme", string? tenant = "tenant-1") =>
        IdCloudServiceAccountCredentials.FromOptions(new IdCloudServiceAccountOptions
        {
            AccountName = account,
            TenantId = tenant,
            PrivateKeyPem = pem,
            PrivateKeyPath = path,
        });

    private static IdCloudException Fails(string? pem = null, string? path = null, string? account = "acme", string? tenant = "tenant-1") =>
        IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => Load(pem, path, account, tenant));

    private static void AssertSameKey(RSA expected, IdCloudServiceAccountCredentials credentials)
    {
        var data = "proof"u8.ToArray();
        var signature = credentials.PrivateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(expected.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static void AssertNoKeyMaterial(Exception error, string pem)
    {
        var text = error.ToString();
        foreach (var line in TestKeys.PemBodyLines(pem).Where(l => !l.Contains(':', StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line, text, StringComparison.Ordinal);
        }
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
