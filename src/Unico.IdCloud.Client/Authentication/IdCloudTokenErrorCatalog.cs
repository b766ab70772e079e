using System.Collections.Frozen;

namespace Unico.IdCloud.Client.Authentication;

/// <summary>
/// What each Unico authentication error code means for the SDK: whether retrying can help and what the user should
/// fix. Source: Unico's authentication-error table (see <c>docs/authentication.md</c>).
/// </summary>
internal static class IdCloudTokenErrorCatalog
{
    /// <summary>How the token acquisition reacts to one error code.</summary>
    /// <param name="Code">The Unico code, e.g. <c>1.2.22</c>.</param>
    /// <param name="IsTransient">Retry with a fresh assertion (bounded).</param>
    /// <param name="IsConfigurationError">Retrying cannot help until the configuration (or host clock) is fixed.</param>
    /// <param name="Advice">An English explanation of what to fix.</param>
    internal sealed record Entry(string Code, bool IsTransient, bool IsConfigurationError, string Advice);

    /// <summary>The replay code: the same assertion was already used (retried with a fresh, jittered one).</summary>
    internal const string AssertionReplayed = "1.2.7";

    private const string AccountSettings = "IdCloud:ServiceAccount";

    private static readonly FrozenDictionary<string, Entry> Entries = new Entry[]
    {
        Config("1.0.1", $"The tenant id in the assertion's issuer is wrong. Check {AccountSettings}:TenantId against the payload Unico sent with the key, and that these credentials belong to this environment (UAT and production accounts differ)."),
        Config("1.0.14", "The application is not active. Ask your Unico project manager to activate it."),
        Config("1.1.1", "The assertion has no 'scope' claim. The SDK always sends scope = \"*\"; if you build assertions yourself, add it."),
        Config("1.2.4", "The assertion had already expired when the identity service checked it. Check that this machine's clock is synchronised (NTP): the assertion is valid from its iat for IdCloud:Token:AssertionLifetime."),
        Config("1.2.5", $"The assertion could not be validated: its signature or parameters do not match the service account. Check that the private key belongs to this account and environment, and that {AccountSettings}:AccountName and {AccountSettings}:TenantId match the payload Unico sent with the key."),
        Config("1.2.6", $"The signing key is no longer accepted (revoked or replaced). Request new credentials from Unico and update {AccountSettings}:PrivateKeyPath (or PrivateKeyPem)."),
        new(AssertionReplayed, IsTransient: true, IsConfigurationError: false, "The assertion had already been used: assertions are single-use. The SDK signs a fresh one for every attempt; if this persists, another process may be using the same service account and sending identical assertions in the same second."),
        Config("1.2.11", "The service account is not active. Ask your Unico project manager to activate it."),
        Config("1.2.14", "The service account lacks the permissions needed. Ask your Unico project manager to grant them."),
        Config("1.2.18", "The service account is temporarily locked after too many invalid authentication attempts. Fix the configuration error that caused them, stop other processes retrying with the same account, and wait before trying again; contact Unico if it stays locked."),
        Config("1.2.19", "The assertion asks to impersonate another user (a 'sub' claim). IDCloud service accounts cannot impersonate: remove 'sub'."),
        Config("1.2.20", "The assertion could not be decoded. Use only iss, aud, scope, iat and exp, with the documented names and types (iat and exp as whole seconds)."),
        Config("1.2.21", "The assertion could not be decoded (or was signed with a key that does not match the account). Use only iss, aud, scope, iat and exp with the documented names and types, signed with this account's private key."),
        Config("1.2.22", "The assertion contains claims IDCloud does not allow (for example nbf, jti or sub). Send only iss, aud, scope, iat and exp."),
    }.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>The entry for a known code, or <see langword="null"/>.</summary>
    public static Entry? Find(string? code) =>
        code is not null && Entries.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>
    /// Whether retrying cannot help until configuration (or the host clock) is fixed: a known code marked so, or any code
    /// of the tenant (1.0.x) and application (1.1.x) families, which are all about settings.
    /// </summary>
    public static bool IsConfigurationCode(string? code) =>
        Find(code) is { IsConfigurationError: true }
        || (code is not null && (code.StartsWith("1.0.", StringComparison.Ordinal) || code.StartsWith("1.1.", StringComparison.Ordinal)));

    /// <summary>Advice for a code this SDK version does not know.</summary>
    public static string UnknownCodeAdvice(string code) =>
        $"Code {code} is not in the authentication-error table this SDK knows. Check the service account settings ({AccountSettings}) and the identity host (UAT vs production), and look the code up in Unico's authentication-error table.";

    /// <summary>Advice for a refusal that carried no code.</summary>
    public const string NoCodeAdvice =
        "The identity service refused the request without an error code. Check the identity host (IdCloud:Environment or IdCloud:IdentityBaseAddress: UAT and production credentials differ) and the service account settings.";

    private static Entry Config(string code, string advice) => new(code, IsTransient: false, IsConfigurationError: true, advice);
}
