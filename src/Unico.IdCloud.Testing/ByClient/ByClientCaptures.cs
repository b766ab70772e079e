using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The capture SDK's payloads: JWT-shaped, opaque, valid for 10 minutes (emulator clock) and single use, like the
/// encrypted payload the real SDK hands the app.
/// </summary>
internal sealed class ByClientCaptures
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Capture> _issued = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ByClientCaptures(TimeProvider time)
    {
        _time = time;
    }

    public string Issue()
    {
        var header = Base64Url.Encode("""{"alg":"RSA-OAEP-256","enc":"A256GCM","typ":"JWT"}"""u8);
        var payload = header + "." + Base64Url.Encode(RandomNumberGenerator.GetBytes(24)) + "." + Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        _issued[payload] = new Capture(_time.GetUtcNow() + Lifetime);
        return payload;
    }

    /// <summary>Whether the text looks like a capture payload (three dot-separated parts) rather than plain base64.</summary>
    public static bool LooksLikePayload(string text) => text.Count(c => c == '.') == 2;

    /// <summary>Uses a payload once: <see langword="null"/> when accepted, else the error code.</summary>
    public string? Redeem(string payload)
    {
        if (!_issued.TryGetValue(payload, out var capture))
        {
            return "10506";
        }

        if (_time.GetUtcNow() >= capture.ExpiresAt)
        {
            return "10507";
        }

        return Interlocked.Exchange(ref capture.Used, 1) == 0 ? null : "10508";
    }

    private sealed class Capture(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;

#pragma warning disable CA1051 // Interlocked needs a field.
        public int Used;
#pragma warning restore CA1051
    }
}
