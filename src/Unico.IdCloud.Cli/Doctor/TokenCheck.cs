using System.Globalization;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Doctor;

/// <summary>A real token request through the SDK's token provider, exactly as an app makes it.</summary>
internal static class TokenCheck
{
    private const string Name = "token request";

    public static async Task<CheckResult> RunAsync(IdCloudServices services, SettingsSource settings, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var token = await services.Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var remaining = token.ExpiresOn - time.GetUtcNow();
            return CheckResult.Pass(Name, null, string.Create(CultureInfo.InvariantCulture, $"{token.TokenType} token obtained, expires {token.ExpiresOn:u} (in {Math.Max(0, (int)remaining.TotalMinutes)} min); the token itself is not shown"));
        }
        catch (IdCloudException ex) when (ex.Kind is IdCloudErrorKind.Authentication or IdCloudErrorKind.Unauthenticated)
        {
            var code = ex.ErrorCode is { Length: > 0 } c ? $" (code {c}; `idcloud explain {c}`)" : string.Empty;
            return CheckResult.Fail(Name, settings.Key("ServiceAccount"), $"the identity service refused the token request{code}: {ex.Message}", ex.Advice ?? "Check the service account settings and that they belong to this environment.");
        }
        catch (IdCloudException ex)
        {
            return CheckResult.Fail(Name, settings.Key("IdentityBaseAddress"), $"the token request failed ({ex.Kind}): {ex.Message}", "Check that the identity host is reachable from here and is Unico's identity service (or the emulator).");
        }
    }
}
