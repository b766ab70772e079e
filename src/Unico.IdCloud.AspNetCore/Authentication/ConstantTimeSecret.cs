using System.Security.Cryptography;
using System.Text;

namespace Unico.IdCloud.AspNetCore.Authentication;

/// <summary>
/// A configured secret kept only as its SHA-256 digest. Presented values are hashed too and the two fixed-length
/// digests are compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the content nor the
/// length of the secret leaks through response timing.
/// </summary>
internal sealed class ConstantTimeSecret
{
    private readonly byte[] _digest;

    public ConstantTimeSecret(string secret)
    {
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    public bool Matches(ReadOnlySpan<byte> presented)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(presented, digest);
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }

    public bool Matches(string presented) => Matches(Encoding.UTF8.GetBytes(presented));

    /// <summary>Compares with every candidate (no early exit) and says whether any matched.</summary>
    public static bool MatchesAny(IReadOnlyList<ConstantTimeSecret> candidates, ReadOnlySpan<byte> presented)
    {
        var matched = false;
        foreach (var candidate in candidates)
        {
            matched |= candidate.Matches(presented);
        }

        return matched;
    }
}
