using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>
/// Validates a compact JWS assertion the way Unico's identity service documents it: header exactly
/// <c>{"alg":"RS256","typ":"JWT"}</c>, claims exactly <c>iss, aud, scope, iat, exp</c>, a real RS256 signature by the
/// account's key, single use. Each rule answers the documented code (see <c>docs/emulator.md</c> for the table).
/// </summary>
internal sealed class AssertionValidator
{
    /// <summary>Unico rejects assertions whose <c>exp</c> is more than one hour after <c>iat</c>.</summary>
    public const long MaxLifetimeSeconds = 3600;

    private const string IssuerSuffix = ".iam.acesso.io";

    private static readonly HashSet<string> AllowedClaims = new(StringComparer.Ordinal) { "iss", "aud", "scope", "iat", "exp" };

    private readonly ServiceAccountRegistry _accounts;
    private readonly string _audience;
    private readonly TimeProvider _time;
    private readonly object _gate = new();

    // SHA-256 of every assertion whose signature verified: the assertion itself is a credential and is not kept.
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public AssertionValidator(ServiceAccountRegistry accounts, string audience, TimeProvider time)
    {
        _accounts = accounts;
        _audience = audience;
        _time = time;
    }

    public AssertionCheck Validate(string? assertion)
    {
        if (string.IsNullOrEmpty(assertion))
        {
            return AssertionCheck.Fail("1.2.21");
        }

        var parts = assertion.Split('.');
        if (parts.Length != 3 || parts[2].Length == 0
            || !Base64Url.TryDecode(parts[0], out var headerBytes)
            || !Base64Url.TryDecode(parts[1], out var payloadBytes)
            || !Base64Url.TryDecode(parts[2], out var signature))
        {
            return AssertionCheck.Fail("1.2.21");
        }

        using var header = TryParseObject(headerBytes);
        using var payload = TryParseObject(payloadBytes);
        if (header is null || payload is null)
        {
            return AssertionCheck.Fail("1.2.21");
        }

        var headerCheck = CheckHeader(header.RootElement);
        if (headerCheck is not null)
        {
            return AssertionCheck.Fail(headerCheck);
        }

        var claims = payload.RootElement;
        var claimCheck = CheckClaimSet(claims);
        if (claimCheck is not null)
        {
            return AssertionCheck.Fail(claimCheck);
        }

        var scope = WireJson.GetString(claims, "scope");
        if (string.IsNullOrEmpty(scope))
        {
            return AssertionCheck.Fail("1.1.1");
        }

        if (!TryParseIssuer(WireJson.GetString(claims, "iss"), out var accountName, out var tenantId) || !_accounts.IsKnownTenant(tenantId))
        {
            return AssertionCheck.Fail("1.0.1");
        }

        var account = _accounts.Find(tenantId, accountName);
        if (account is null)
        {
            return AssertionCheck.Fail("1.2.5");
        }

        if (account.IsLocked)
        {
            return AssertionCheck.Fail("1.2.18");
        }

        if (!account.IsActive)
        {
            return AssertionCheck.Fail("1.2.11");
        }

        var signedBytes = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!account.PublicKey.VerifyData(signedBytes, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return AssertionCheck.Fail("1.2.5");
        }

        if (!RememberFirstUse(assertion))
        {
            return AssertionCheck.Fail("1.2.7");
        }

        if (!string.Equals(WireJson.GetString(claims, "aud"), _audience, StringComparison.Ordinal))
        {
            return AssertionCheck.Fail("1.2.5");
        }

        var iat = claims.GetProperty("iat").GetInt64();
        var exp = claims.GetProperty("exp").GetInt64();
        if (exp <= iat || exp - iat > MaxLifetimeSeconds)
        {
            return AssertionCheck.Fail("1.2.5");
        }

        if (exp <= _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return AssertionCheck.Fail("1.2.4");
        }

        return new AssertionCheck(account, scope, null);
    }

    /// <summary>The header must be exactly alg + typ. A foreign algorithm cannot be validated (1.2.5); anything else is undecodable (1.2.21).</summary>
    private static string? CheckHeader(JsonElement header)
    {
        if (header.ValueKind != JsonValueKind.Object)
        {
            return "1.2.21";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in header.EnumerateObject())
        {
            if (!names.Add(member.Name) || member.Name is not ("alg" or "typ"))
            {
                return "1.2.21";
            }
        }

        if (WireJson.GetString(header, "typ") != "JWT")
        {
            return "1.2.21";
        }

        return WireJson.GetString(header, "alg") == "RS256" ? null : "1.2.5";
    }

    /// <summary>Only the five documented claims (else 1.2.22), with the documented JSON types (else 1.2.20).</summary>
    private static string? CheckClaimSet(JsonElement claims)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return "1.2.21";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in claims.EnumerateObject())
        {
            if (!names.Add(member.Name))
            {
                return "1.2.21";
            }

            if (!AllowedClaims.Contains(member.Name))
            {
                return "1.2.22";
            }
        }

        foreach (var member in claims.EnumerateObject())
        {
            var typeOk = member.Name is "iat" or "exp"
                ? IsWholeSeconds(member.Value)
                : member.Value.ValueKind == JsonValueKind.String;
            if (!typeOk)
            {
                return "1.2.20";
            }
        }

        return names.Contains("iat") && names.Contains("exp") ? null : "1.2.20";
    }

    /// <summary>NumericDate as a JSON integer: <c>1700000000</c>, not <c>1700000000.5</c>, <c>1.7e9</c> or <c>"1700000000"</c>.</summary>
    private static bool IsWholeSeconds(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _))
        {
            return false;
        }

        var raw = value.GetRawText();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0;
    }

    private static bool TryParseIssuer(string? issuer, out string accountName, out string tenantId)
    {
        accountName = tenantId = string.Empty;
        if (issuer is null || !issuer.EndsWith(IssuerSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        var at = issuer.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || issuer.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        accountName = issuer[..at];
        tenantId = issuer[(at + 1)..^IssuerSuffix.Length];
        return tenantId.Length > 0;
    }

    private static JsonDocument? TryParseObject(byte[] json)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool RememberFirstUse(string assertion)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(assertion)));
        lock (_gate)
        {
            return _seen.Add(hash);
        }
    }
}
