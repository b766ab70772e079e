namespace Unico.IdCloud.Cli.Explain;

/// <summary>
/// Every error code Unico documents for IDCloud, paraphrased from the vendor's tables: the authentication-error table
/// (token endpoint), the by Unico "Erros" page (gRPC codes) and the by Client error list (five-digit codes). The
/// three numberings do not overlap, so a code alone identifies its entry.
/// </summary>
internal static class ErrorCodeCatalog
{
    private const string Account = "IdCloud:ServiceAccount";

    public static IReadOnlyList<ErrorCodeEntry> All { get; } =
    [
        // Token endpoint: 401 {"error":"server_error","error_description":"Falha na autenticação 1.x.y"}.
        Token("1.0.1", "The tenant id inside the assertion's iss is wrong (or belongs to the other environment).", $"Set {Account}:TenantId to the tenant id of the payload Unico sent with the key; check the UAT/production hosts match these credentials.", false),
        Token("1.0.14", "The application is not active.", "Ask your Unico project manager to activate the application.", false),
        Token("1.1.1", "The assertion has no scope claim.", "Send scope = \"*\" (the SDK always does; only hand-built assertions miss it).", false),
        Token("1.2.4", "The assertion had expired when the identity service checked it (exp in the past).", "Synchronise this machine's clock (NTP) and mint a fresh assertion; `idcloud doctor` compares your clock with the identity server's.", true),
        Token("1.2.5", "The assertion could not be validated: signature or parameters (iss, aud, iat/exp) do not match the service account.", $"Check that the private key belongs to this account and environment, that {Account}:AccountName and TenantId match the payload sent with the key, and that aud is exactly the identity host with no trailing slash or path.", false),
        Token("1.2.6", "The signing key is no longer accepted (revoked or replaced).", $"Request new credentials from Unico and update {Account}:PrivateKeyPath (or PrivateKeyPem).", false),
        Token("1.2.7", "The assertion had been used before: assertions are single-use.", "Sign a fresh assertion for every token request (the SDK does). If it persists, several instances share the account and mint identical assertions in the same second: share the token instead.", true),
        Token("1.2.11", "The service account is not active.", "Ask your Unico project manager to activate the service account.", false),
        Token("1.2.14", "The service account lacks the permissions needed.", "Ask your Unico project manager to grant them.", false),
        Token("1.2.18", "The service account is temporarily locked after too many invalid authentication attempts.", "Stop every process retrying with this account, fix the configuration error that caused the failures (`idcloud doctor`), wait, then try once; contact Unico if it stays locked.", false),
        Token("1.2.19", "The assertion asks to impersonate another user (a sub claim).", "Remove sub: IDCloud service accounts cannot impersonate.", false),
        Token("1.2.20", "The assertion could not be decoded (a claim has the wrong name or type).", "Send only iss, aud, scope (strings) and iat, exp (whole seconds).", false),
        Token("1.2.21", "The assertion could not be decoded (header or encoding is wrong).", "Use the header {\"alg\":\"RS256\",\"typ\":\"JWT\"}, base64url without padding, and only the documented claims, signed with this account's key.", false),
        Token("1.2.22", "The assertion contains claims IDCloud does not allow (nbf, jti, sub, ...).", "Send only iss, aud, scope, iat and exp.", false),

        // by Unico process API: {"error":{"code":"3","description":"..."}}.
        ByUnico("3", 400, "InvalidArgument: the request is invalid (flow, purpose, callbackUri, person, CPF check digits, or a process id that is not a GUID); the description says which field.", "Fix the field the description names; `idcloud process create` validates before sending. Never retry unchanged.", false),
        ByUnico("5", 404, "NotFound: no such process for this tenant (or its selfie/evidence set does not exist yet, e.g. for an expired process).", "Check the process id and that the service account belongs to the tenant that created it (UAT vs production).", false),
        ByUnico("7", 403, "PermissionDenied: the service account may not read this resource (the selfie is granted case by case).", "Ask your Unico project manager for the permission, or skip that artifact.", false),
        ByUnico("8", 429, "ResourceExhausted (gRPC code 8): too many requests. Unico documents the HTTP 429 but no body code for it; the gRPC gateway (and the emulator) use 8. The default budget is 10 requests per second per tenant.", "Wait for Retry-After and spread calls out: reuse the access token, prefer webhooks to polling.", true),
        ByUnico("9", 400, "FailedPrecondition: \"XX ID Apikeys are not set\" — the account's API keys are not configured for this flow.", "Ask your Unico project manager to configure the API keys for the flow you use.", false),
        ByUnico("99999", 500, "Internal failure on Unico's side (\"Internal failure! Try again later\").", "Retry a GET later with back-off. Do NOT blindly retry CreateProcess: the process may exist; look it up by clientReference first.", true),

        // by Client API (/processes/v1): five-digit codes.
        ByClient("20001", 400, "The Authorization header (access token) is missing.", "Send Authorization: Bearer <token> from the token endpoint.", false),
        ByClient("20002", 400, "The APIKEY header is missing.", "Send the APIKEY header Unico issued for the use case.", false),
        ByClient("20003", 400, "The body is missing or is not valid JSON.", "Send a JSON body as documented for the use case.", false),
        ByClient("20004", 400, "subject is missing.", "Send subject{code, name, ...}.", false),
        ByClient("20005", 400, "subject.code (CPF) is missing.", "Send subject.code with the person's CPF, digits only.", false),
        ByClient("20006", 400, "subject.name is missing.", "Send subject.name (no double spaces).", false),
        ByClient("20009", 400, "imageBase64 is missing.", "Send the capture SDK's encrypted payload as imageBase64.", false),
        ByClient("20019", 400, "subject.birthDate has the wrong format.", "Use YYYY-MM-DD.", false),
        ByClient("20047", 400, "The person is below the age limit of the use case.", "Check the birth date; the use case does not allow this age.", false),
        ByClient("20048", 400, "The person is above the age limit of the use case.", "Check the birth date; the use case does not allow this age.", false),
        ByClient("20505", 400, "The image format is not supported.", "Send PNG, JPEG or WebP (JPEG quality 92 recommended).", false),
        ByClient("20506", 400, "The image is larger than 800 KB.", "Compress or resize the image below 800 KB.", false),
        ByClient("20507", 400, "The CPF is invalid (check digits).", "Send a valid CPF, digits only.", false),
        ByClient("20508", 400, "subject.gender is invalid.", "Send M or F.", false),
        ByClient("20807", 400, "The image resolution is too low.", "Capture at 640x480 or more.", false),
        ByClient("20900", 400, "The base64 is invalid or the image looks injected.", "Send the capture SDK's payload unchanged.", false),
        ByClient("10506", 400, "The capture did not meet a security requirement (app bundle / SDK configuration).", "Check the capture SDK's bundle and key configuration with Unico.", false),
        ByClient("10507", 400, "The capture SDK's JWT expired (it must be sent within 10 minutes).", "Capture again and send within 10 minutes.", false),
        ByClient("10508", 400, "The capture SDK's JWT was already used (single use).", "Capture again; never resend a capture.", false),
        ByClient("10201", 403, "The APIKEY is invalid.", "Use the APIKEY Unico issued for this environment and use case.", false),
        ByClient("10501", 403, "The access token is invalid.", "Obtain a new token (and check UAT vs production).", true),
        ByClient("10502", 403, "The access token expired.", "Obtain a new token and resend once.", true),
        ByClient("30017", 403, "The account has no permission for this operation.", "Ask your Unico project manager for the permission.", false),
        ByClient("510", 500, "Internal error on Unico's side.", "Retry later with back-off; check the process by clientReference before resending a capture.", true),
        ByClient("10700", 500, "Internal error on Unico's side.", "Retry later with back-off.", true),
        ByClient("20502", 500, "Internal error processing the image.", "Retry later; capture again if it persists.", true),
        ByClient("20503", 500, "Internal error processing the image.", "Retry later; capture again if it persists.", true),
    ];

    /// <summary>The entry for a code (as sent: <c>1.2.18</c>, <c>"3"</c>, <c>20507</c>), or null.</summary>
    public static ErrorCodeEntry? Find(string code)
    {
        var wanted = code.Trim().Trim('"');
        return All.FirstOrDefault(e => string.Equals(e.Code, wanted, StringComparison.Ordinal));
    }

    private static ErrorCodeEntry Token(string code, string meaning, string action, bool retry) =>
        new(code, ErrorCodeFamily.Token, 401, meaning, action, retry);

    private static ErrorCodeEntry ByUnico(string code, int status, string meaning, string action, bool retry) =>
        new(code, ErrorCodeFamily.ByUnico, status, meaning, action, retry);

    private static ErrorCodeEntry ByClient(string code, int status, string meaning, string action, bool retry) =>
        new(code, ErrorCodeFamily.ByClient, status, meaning, action, retry);
}
