using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>
/// Builds JWT-bearer assertions by hand (manual RS256, independent of the emulator's code and of any JWT library),
/// so each test can bend exactly one rule.
/// </summary>
public sealed class Assertion
{
    public JsonObject Header { get; } = new() { ["alg"] = "RS256", ["typ"] = "JWT" };

    public JsonObject Claims { get; } = [];

    /// <summary>A correct assertion for the account: iss, aud, scope "*", iat = now, exp = now + lifetime.</summary>
    public static Assertion For(EmulatedServiceAccount account, string audience, DateTimeOffset now, TimeSpan? lifetime = null)
    {
        var assertion = new Assertion();
        var iat = now.ToUnixTimeSeconds();
        assertion.Claims["iss"] = account.Issuer;
        assertion.Claims["aud"] = audience;
        assertion.Claims["scope"] = "*";
        assertion.Claims["iat"] = iat;
        assertion.Claims["exp"] = iat + (long)(lifetime ?? TimeSpan.FromMinutes(5)).TotalSeconds;
        return assertion;
    }

    public string Sign(string privateKeyPem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        return Sign(rsa);
    }

    public string Sign(RSA key)
    {
        var signingInput = Encode(Encoding.UTF8.GetBytes(Header.ToJsonString())) + "." + Encode(Encoding.UTF8.GetBytes(Claims.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Encode(signature);
    }

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
