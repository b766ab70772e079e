using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>A compact JWS taken apart independently of the library that built it.</summary>
internal sealed class JwtAssertion
{
    private JwtAssertion(string headerJson, string payloadJson, byte[] signingInput, byte[] signature)
    {
        HeaderJson = headerJson;
        PayloadJson = payloadJson;
        SigningInput = signingInput;
        Signature = signature;
    }

    public string HeaderJson { get; }

    public string PayloadJson { get; }

    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public long IssuedAt => Claim("iat").GetInt64();

    public long Expires => Claim("exp").GetInt64();

    public static JwtAssertion Parse(string compact)
    {
        var parts = compact.Split('.');
        Assert.Equal(3, parts.Length);
        return new JwtAssertion(
            Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])),
            Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])),
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Base64Url.DecodeFromChars(parts[2]));
    }

    public JsonElement Claim(string name)
    {
        using var document = JsonDocument.Parse(PayloadJson);
        return document.RootElement.GetProperty(name).Clone();
    }

    public IReadOnlyList<string> ClaimNames()
    {
        using var document = JsonDocument.Parse(PayloadJson);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    public IReadOnlyList<string> HeaderNames()
    {
        using var document = JsonDocument.Parse(HeaderJson);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    public bool VerifiesWith(RSA publicKey) =>
        publicKey.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
