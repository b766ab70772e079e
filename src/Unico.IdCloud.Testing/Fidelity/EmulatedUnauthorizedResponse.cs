namespace Unico.IdCloud.Testing;

/// <summary>
/// How the process and signature APIs answer a missing, unknown, revoked or expired access token (HTTP 401). The
/// vendor documents <c>401 / Erro no access-token. / application/json</c> with a <c>message</c>; a gateway in front of
/// the API may answer in plain text instead. Production may send either, so a client must handle both.
/// </summary>
public enum EmulatedUnauthorizedResponse
{
    /// <summary>
    /// The documented form (default): <c>application/json</c>, <c>{"message":"Jwt header is an invalid JSON"}</c> or
    /// <c>{"message":"Jwt is expired"}</c>, no <c>WWW-Authenticate</c> header.
    /// </summary>
    Json = 0,

    /// <summary>
    /// What an Envoy JWT filter sends: <c>text/plain</c> with the same two messages and
    /// <c>WWW-Authenticate: Bearer error="invalid_token"</c>.
    /// </summary>
    GatewayPlainText = 1,
}
