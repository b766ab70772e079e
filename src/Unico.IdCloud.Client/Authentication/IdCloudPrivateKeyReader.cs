using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;

namespace Unico.IdCloud.Client.Authentication;

/// <summary>
/// Reads the service account's RSA private key from PEM text and explains, in terms of the configuration key, every
/// way the text can be wrong. Messages name what was found (a certificate, an EC key…), never its content.
/// </summary>
internal static class IdCloudPrivateKeyReader
{
    /// <summary>The smallest RSA key accepted. Unico issues 2048-bit keys; smaller ones are not safe.</summary>
    public const int MinimumKeySizeInBits = 2048;

    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

    private const string FixHint =
        "Use the .key.pem file Unico sent for this service account: it starts with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.";

    /// <summary>Loads the key, or throws <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Configuration"/> naming <paramref name="settingName"/>.</summary>
    /// <param name="pemText">The PEM text (may hold several blocks, e.g. a certificate and the key).</param>
    /// <param name="settingName">The configuration key the text came from, used in messages.</param>
    /// <param name="origin">Where the text came from, for messages (e.g. "The file '/keys/a.pem'"), never the text itself.</param>
    public static RSA Load(string pemText, string settingName, string origin)
    {
        var text = NormalizeLineBreaks(pemText);
        if (text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.OrdinalIgnoreCase))
        {
            throw Encrypted(settingName, origin);
        }

        var found = new List<string>();
        var remaining = text.AsMemory();
        while (PemEncoding.TryFind(remaining.Span, out var fields))
        {
            var label = remaining.Span[fields.Label].ToString();
            found.Add(label);
            switch (label)
            {
                case "RSA PRIVATE KEY":
                    return Import(Decode(remaining.Span[fields.Base64Data], settingName, origin), isPkcs8: false, settingName, origin);
                case "PRIVATE KEY":
                    var pkcs8 = Decode(remaining.Span[fields.Base64Data], settingName, origin);
                    var algorithm = ReadPkcs8Algorithm(pkcs8, settingName, origin);
                    if (algorithm != RsaEncryptionOid)
                    {
                        throw NotRsa(settingName, origin, DescribeAlgorithm(algorithm));
                    }

                    return Import(pkcs8, isPkcs8: true, settingName, origin);
                default:
                    remaining = remaining[fields.Location.End..];
                    break;
            }
        }

        // No private key we can use: explain what was there instead, most specific first.
        if (found.Contains("ENCRYPTED PRIVATE KEY"))
        {
            throw Encrypted(settingName, origin);
        }

        if (found.Contains("EC PRIVATE KEY"))
        {
            throw NotRsa(settingName, origin, "an EC (elliptic-curve) key");
        }

        if (found.Contains("DSA PRIVATE KEY"))
        {
            throw NotRsa(settingName, origin, "a DSA key");
        }

        if (found.Contains("OPENSSH PRIVATE KEY"))
        {
            throw Fail(settingName, $"{origin} holds a key in OpenSSH format, which the SDK cannot read. Convert it to PEM with `ssh-keygen -p -m PKCS8 -f <file>` or, better, use the .key.pem file Unico sent.");
        }

        if (found.Contains("CERTIFICATE"))
        {
            throw Fail(settingName, $"{origin} holds a certificate (-----BEGIN CERTIFICATE-----), not the private key. A certificate carries only the public key and cannot sign assertions. {FixHint}");
        }

        if (found.Contains("PUBLIC KEY") || found.Contains("RSA PUBLIC KEY"))
        {
            throw Fail(settingName, $"{origin} holds a public key, not the private key; assertions must be signed with the private key. {FixHint}");
        }

        if (found.Count > 0)
        {
            throw Fail(settingName, $"{origin} holds a PEM block labelled '{found[0]}', not a private key. {FixHint}");
        }

        throw Fail(settingName, $"{origin} is not a PEM private key: no complete -----BEGIN …----- / -----END …----- block with valid base64 content was found. {FixHint} Copy the whole file, including the BEGIN and END lines.");
    }

    /// <summary>
    /// Environment variables and some secret stores flatten the PEM to one line with literal <c>\n</c> sequences;
    /// turn them back into line breaks so a correctly copied key is accepted.
    /// </summary>
    private static string NormalizeLineBreaks(string text) =>
        !text.Contains('\n', StringComparison.Ordinal) && text.Contains("\\n", StringComparison.Ordinal)
            ? text.Replace("\\r\\n", "\n", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal)
            : text;

    private static byte[] Decode(ReadOnlySpan<char> base64, string settingName, string origin)
    {
        // PemEncoding.TryFind already checked the base64 alphabet and padding; this cannot fail on valid input.
        var buffer = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64Chars(base64, buffer, out var written))
        {
            throw Malformed(settingName, origin);
        }

        return buffer.AsSpan(0, written).ToArray();
    }

    private static string ReadPkcs8Algorithm(byte[] pkcs8, string settingName, string origin)
    {
        // PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING, ... }
        try
        {
            var reader = new AsnReader(pkcs8, AsnEncodingRules.BER);
            var privateKeyInfo = reader.ReadSequence();
            _ = privateKeyInfo.ReadInteger();
            var algorithmIdentifier = privateKeyInfo.ReadSequence();
            return algorithmIdentifier.ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            throw Malformed(settingName, origin);
        }
    }

    private static RSA Import(byte[] der, bool isPkcs8, string settingName, string origin)
    {
        var rsa = RSA.Create();
        try
        {
            try
            {
                if (isPkcs8)
                {
                    rsa.ImportPkcs8PrivateKey(der, out _);
                }
                else
                {
                    rsa.ImportRSAPrivateKey(der, out _);
                }
            }
            catch (CryptographicException)
            {
                // The inner exception is dropped on purpose: crypto messages can quote parts of the input.
                throw Malformed(settingName, origin);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(der);
            }

            if (rsa.KeySize < MinimumKeySizeInBits)
            {
                throw Fail(
                    settingName,
                    string.Create(CultureInfo.InvariantCulture, $"{origin} holds a {rsa.KeySize}-bit RSA key; at least {MinimumKeySizeInBits} bits are required. Ask Unico for new credentials with a 2048-bit key."));
            }

            // Sign once now so a key whose parts are inconsistent fails at start-up, not on the first call.
            try
            {
                _ = rsa.SignData("unico-idcloud-key-check"u8, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            catch (CryptographicException)
            {
                throw Fail(settingName, $"{origin} holds an RSA private key that cannot sign (its parameters are inconsistent). {FixHint}");
            }

            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static string DescribeAlgorithm(string oid) => oid switch
    {
        "1.2.840.10045.2.1" => "an EC (elliptic-curve) key",
        "1.3.101.112" => "an Ed25519 key",
        "1.3.101.113" => "an Ed448 key",
        "1.2.840.10040.4.1" => "a DSA key",
        "1.2.840.113549.1.1.10" => "an RSA-PSS-only key",
        _ => $"a key of algorithm {oid}",
    };

    private static IdCloudException Encrypted(string settingName, string origin) =>
        Fail(settingName, $"{origin} holds an encrypted (password-protected) private key, which the SDK cannot use. Store the unencrypted key Unico issued in a secret store instead, or decrypt it with `openssl pkcs8 -in <file> -out <new file>` (or `openssl rsa -in <file> -out <new file>` for a BEGIN RSA PRIVATE KEY file).");

    private static IdCloudException NotRsa(string settingName, string origin, string what) =>
        Fail(settingName, $"{origin} holds {what}, not an RSA key. IDCloud assertions are signed with RS256 and need an RSA private key. {FixHint}");

    private static IdCloudException Malformed(string settingName, string origin) =>
        Fail(settingName, $"{origin} does not hold a readable private key: the PEM block is damaged or truncated. {FixHint} Copy the whole file, including the BEGIN and END lines.");

    private static IdCloudException Fail(string settingName, string detail) =>
        IdCloudErrors.Configuration(settingName, $"{settingName}: {detail}");
}
