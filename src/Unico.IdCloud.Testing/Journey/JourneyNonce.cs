using System.Security.Cryptography;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The per-process value the journey page's form must send back to finish a process: an HMAC of the process id under
/// a key that lives only in this emulator, so a stray or forged request (a link, a GET, another page's form) cannot
/// finish a process, while the page itself needs no server-side session.
/// </summary>
internal sealed class JourneyNonce
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The nonce of a process (URL- and HTML-safe).</summary>
    public string For(Guid processId) => Base64Url.Encode(HMACSHA256.HashData(_key, processId.ToByteArray()));

    /// <summary>Whether <paramref name="candidate"/> is the nonce of <paramref name="processId"/> (constant-time).</summary>
    public bool Matches(Guid processId, string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > 64)
        {
            return false;
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(For(processId));
        var actual = System.Text.Encoding.UTF8.GetBytes(candidate);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
