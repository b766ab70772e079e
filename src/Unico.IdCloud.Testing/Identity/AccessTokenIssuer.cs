using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Unico.IdCloud.Testing;

/// <summary>
/// Mints access tokens (JWT-shaped, HS256 with a per-emulator key, like the real service's JWTs) and checks the
/// bearer tokens on API calls. Expiry follows the emulator's clock.
/// </summary>
internal sealed class AccessTokenIssuer : IDisposable
{
    private readonly ConcurrentDictionary<string, IssuedToken> _issued = new(StringComparer.Ordinal);
    private readonly HMACSHA256 _signer = new(RandomNumberGenerator.GetBytes(32));
    private readonly object _signerGate = new();
    private readonly string _issuer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public AccessTokenIssuer(string issuer, TimeProvider time, TimeSpan lifetime)
    {
        _issuer = issuer;
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary><c>expires_in</c>: whole seconds of the configured lifetime.</summary>
    public long LifetimeSeconds => (long)_lifetime.TotalSeconds;

    public string Issue(EmulatedServiceAccount account, string scope)
    {
        var now = _time.GetUtcNow();
        var expiresAt = now + _lifetime;
        var header = Base64Url.Encode("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.Encode(WireJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("iss", _issuer);
            w.WriteString("sub", account.Issuer);
            w.WriteString("tenant", account.TenantId);
            w.WriteString("scope", scope);
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteString("jti", Guid.NewGuid().ToString());
            w.WriteEndObject();
        }));
        byte[] signature;
        lock (_signerGate)
        {
            signature = _signer.ComputeHash(Encoding.ASCII.GetBytes(header + "." + payload));
        }

        var token = header + "." + payload + "." + Base64Url.Encode(signature);
        _issued[token] = new IssuedToken(account, expiresAt);
        return token;
    }

    /// <summary>Checks an <c>Authorization</c> header value. Returns the caller's account when the token is known.</summary>
    public BearerCheck Check(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return BearerCheck.Invalid;
        }

        var token = authorization[scheme.Length..].Trim();
        if (!_issued.TryGetValue(token, out var issued))
        {
            return BearerCheck.Invalid;
        }

        return _time.GetUtcNow() >= issued.ExpiresAt
            ? new BearerCheck(BearerStatus.Expired, issued.Account)
            : new BearerCheck(BearerStatus.Valid, issued.Account);
    }

    /// <summary>Forgets every token issued so far: API calls with them answer 401 as for an unknown token.</summary>
    public void RevokeAll() => _issued.Clear();

    public void Dispose() => _signer.Dispose();

    private sealed record IssuedToken(EmulatedServiceAccount Account, DateTimeOffset ExpiresAt);
}

internal enum BearerStatus
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>The outcome of a bearer check: the account (and so the tenant and permissions) the token was issued to.</summary>
internal readonly record struct BearerCheck(BearerStatus Status, EmulatedServiceAccount? Account)
{
    public static BearerCheck Invalid => new(BearerStatus.Invalid, null);

    public string? TenantId => Account?.TenantId;
}
