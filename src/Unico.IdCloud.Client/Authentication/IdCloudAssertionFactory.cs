using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace Unico.IdCloud.Client.Authentication;

/// <summary>
/// Builds the signed JWT assertion exchanged for an access token. Unico accepts exactly the header
/// <c>{"alg":"RS256","typ":"JWT"}</c> and exactly the claims <c>iss</c>, <c>aud</c>, <c>scope</c>, <c>iat</c>,
/// <c>exp</c>: anything more (<c>nbf</c>, <c>jti</c>, <c>sub</c>, <c>kid</c>…) is rejected with 1.2.22. So the token
/// is assembled from an explicit header and payload and only signed by the library, never through a
/// <c>SecurityTokenDescriptor</c>, whose defaults add <c>nbf</c>.
/// </summary>
internal sealed class IdCloudAssertionFactory
{
    private readonly IdCloudServiceAccountCredentials _credentials;
    private readonly SigningCredentials _signingCredentials;
    private readonly JwtSecurityTokenHandler _handler = new();

    /// <param name="credentials">The service account; its key signs every assertion.</param>
    /// <param name="audience">The identity host without a trailing slash (see <see cref="AudienceOf"/>).</param>
    public IdCloudAssertionFactory(IdCloudServiceAccountCredentials credentials, string audience)
    {
        _credentials = credentials;
        Audience = audience;

        // A private factory that does not cache signature providers: the default factory is process-wide and would
        // keep providers for a key after the credentials are disposed. No KeyId, so the header gets no "kid".
        var key = new RsaSecurityKey(credentials.PrivateKey)
        {
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        _signingCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The <c>aud</c> claim: the identity host, no trailing slash.</summary>
    public string Audience { get; }

    /// <summary>
    /// The audience for an identity base address: scheme, host, port and path with no trailing slash
    /// (<c>new Uri("https://identity.acesso.io").ToString()</c> adds one, which Unico rejects).
    /// </summary>
    public static string AudienceOf(Uri identityBaseAddress) =>
        identityBaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>Signs an assertion. The caller guarantees <paramref name="issuedAt"/> was never used before.</summary>
    /// <param name="issuedAt">The <c>iat</c> claim, Unix seconds.</param>
    /// <param name="lifetimeSeconds">Seconds until <c>exp</c>; at most 3600.</param>
    public string Create(long issuedAt, long lifetimeSeconds)
    {
        // From signing credentials whose key has no KeyId the header is exactly {"alg":"RS256","typ":"JWT"}; the
        // handler signs with those credentials. A test pins the exact header and claim set.
        var header = new JwtHeader(_signingCredentials);
        var payload = new JwtPayload
        {
            { JwtRegisteredClaimNames.Iss, _credentials.Issuer },
            { JwtRegisteredClaimNames.Aud, Audience },
            { "scope", "*" },
            { JwtRegisteredClaimNames.Iat, issuedAt },
            { JwtRegisteredClaimNames.Exp, issuedAt + lifetimeSeconds },
        };
        return _handler.WriteToken(new JwtSecurityToken(header, payload));
    }
}
