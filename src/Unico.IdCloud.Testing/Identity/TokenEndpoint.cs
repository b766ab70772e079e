using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.Testing;

/// <summary><c>POST /oauth2/token</c>: the RFC 7523 JWT-bearer grant as Unico's identity service runs it.</summary>
internal sealed class TokenEndpoint
{
    public const string JwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly AssertionValidator _validator;
    private readonly AccessTokenIssuer _issuer;

    public TokenEndpoint(AssertionValidator validator, AccessTokenIssuer issuer)
    {
        _validator = validator;
        _issuer = issuer;
    }

    public async Task<EmulatorResponse> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        string? grantType = null;
        string? assertion = null;
        if (context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
                grantType = form["grant_type"].ToString();
                assertion = form["assertion"].ToString();
            }
            catch (InvalidDataException)
            {
                // A body that does not parse as a form has no grant_type either.
            }
        }

        // Unico documents no code for a missing or foreign grant type; answer like RFC 6749 §5.2 does.
        if (string.IsNullOrEmpty(grantType))
        {
            return EmulatorResponse.Json(400, WireJson.TokenError("invalid_request", "grant_type is required"))
                .WithHeader("Cache-Control", "no-store");
        }

        if (grantType != JwtBearerGrantType)
        {
            return EmulatorResponse.Json(400, WireJson.TokenError("unsupported_grant_type", "grant_type must be " + JwtBearerGrantType))
                .WithHeader("Cache-Control", "no-store");
        }

        var check = _validator.Validate(assertion);
        if (!check.IsValid)
        {
            return EmulatorResponse.Json(401, WireJson.TokenError("server_error", "Falha na autenticação " + check.ErrorCode))
                .WithHeader("Cache-Control", "no-store");
        }

        var token = _issuer.Issue(check.Account!, check.Scope!);
        var body = WireJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", _issuer.LifetimeSeconds);
            w.WriteEndObject();
        });
        return EmulatorResponse.Json(200, body).WithHeader("Cache-Control", "no-store");
    }
}
