using System.Globalization;
using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client;

/// <summary>
/// Checks <see cref="IdCloudOptions"/> at start-up and reports every problem at once, each naming the configuration
/// key to fix (<c>IdCloud:ServiceAccount:TenantId</c>, <c>IdCloud:ProcessApiBaseAddress</c>...).
/// </summary>
/// <remarks>
/// Only presence is checked for the private key; whether the PEM is a usable RSA key is checked where it is loaded.
/// Messages never contain key material.
/// </remarks>
internal sealed class IdCloudOptionsValidator : IValidateOptions<IdCloudOptions>
{
    private const int MaxRetryAttempts = 10;
    private const int MaxTokenAttempts = 10;
    private static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);
    private static readonly TimeSpan MinBreakerDuration = TimeSpan.FromMilliseconds(500);

    private readonly string _section;
    private readonly bool _requireServiceAccount;
    private readonly string? _optionsName;

    /// <summary>Creates the validator.</summary>
    /// <param name="sectionName">The configuration section the options are bound from, used to name keys in messages.</param>
    /// <param name="requireServiceAccount">
    /// False when the application brought its own <see cref="IIdCloudTokenProvider"/>: the service account is then unused.
    /// </param>
    /// <param name="optionsName">
    /// The named options (account) this validator checks; others are skipped. <see langword="null"/> checks every name.
    /// </param>
    public IdCloudOptionsValidator(string sectionName = IdCloudOptions.DefaultSectionName, bool requireServiceAccount = true, string? optionsName = null)
    {
        _optionsName = optionsName;
        _section = string.IsNullOrWhiteSpace(sectionName) ? IdCloudOptions.DefaultSectionName : sectionName;
        _requireServiceAccount = requireServiceAccount;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IdCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_optionsName is not null && !string.Equals(name ?? Options.DefaultName, _optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();

        if (!Enum.IsDefined(options.Environment))
        {
            failures.Add($"{Key("Environment")} must be Uat or Production.");
        }

        if (!Enum.IsDefined(options.ProcessHostFamily))
        {
            failures.Add($"{Key("ProcessHostFamily")} must be Cadastro or IdCloud.");
        }

        var process = CheckAddress(options.ProcessApiBaseAddress, "ProcessApiBaseAddress", failures);
        var signature = CheckAddress(options.SignatureApiBaseAddress, "SignatureApiBaseAddress", failures);
        var identity = CheckAddress(options.IdentityBaseAddress, "IdentityBaseAddress", failures);
        if (process && signature && identity && Enum.IsDefined(options.Environment) && Enum.IsDefined(options.ProcessHostFamily))
        {
            CheckEnvironmentsNotMixed(options, failures);
        }

        if (_requireServiceAccount)
        {
            CheckServiceAccount(options.ServiceAccount, failures);
        }

        CheckToken(options.Token, failures);
        CheckResilience(options.Resilience, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Key(string path) => _section + ":" + path;

    private bool CheckAddress(Uri? address, string property, List<string> failures)
    {
        if (address is null)
        {
            return true;
        }

        var key = Key(property);
        if (!address.IsAbsoluteUri)
        {
            failures.Add($"{key} must be an absolute URL such as https://host (got a relative value; include the scheme).");
            return false;
        }

        if (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)
        {
            failures.Add($"{key} must use https (got scheme '{address.Scheme}').");
            return false;
        }

        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
        {
            failures.Add($"{key} must use https; http:// is accepted only for loopback hosts such as localhost or 127.0.0.1 (got host '{address.Host}').");
            return false;
        }

        if (!string.IsNullOrEmpty(address.UserInfo) || !string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment))
        {
            failures.Add($"{key} must be a plain base address without credentials, query string or fragment.");
            return false;
        }

        return true;
    }

    private void CheckEnvironmentsNotMixed(IdCloudOptions options, List<string> failures)
    {
        var addresses = new (string Key, Uri Address)[]
        {
            (options.IdentityBaseAddress is null ? Key("Environment") + " (identity preset)" : Key("IdentityBaseAddress"), options.GetIdentityBaseAddress()),
            (options.ProcessApiBaseAddress is null ? Key("Environment") + " (process API preset)" : Key("ProcessApiBaseAddress"), options.GetProcessApiBaseAddress()),
            (options.SignatureApiBaseAddress is null ? Key("Environment") + " (signature API preset)" : Key("SignatureApiBaseAddress"), options.GetSignatureApiBaseAddress()),
        };

        var uat = new List<string>();
        var production = new List<string>();
        foreach (var (key, address) in addresses)
        {
            switch (PresetEnvironmentOf(address))
            {
                case IdCloudEnvironment.Uat:
                    uat.Add($"{key} = {address.Host}");
                    break;
                case IdCloudEnvironment.Production:
                    production.Add($"{key} = {address.Host}");
                    break;
            }
        }

        if (uat.Count > 0 && production.Count > 0)
        {
            failures.Add(
                $"The configuration mixes UAT and production hosts (UAT: {string.Join(", ", uat)}; production: {string.Join(", ", production)}). " +
                $"Credentials and processes are environment-specific: set {Key("Environment")} and point every base-address override at that same environment.");
        }
    }

    private static IdCloudEnvironment? PresetEnvironmentOf(Uri address)
    {
        foreach (var environment in new[] { IdCloudEnvironment.Uat, IdCloudEnvironment.Production })
        {
            if (SameHost(address, IdCloudHosts.Identity(environment))
                || SameHost(address, IdCloudHosts.SignatureApi(environment))
                || SameHost(address, IdCloudHosts.ProcessApi(environment, IdCloudProcessHostFamily.Cadastro))
                || SameHost(address, IdCloudHosts.ProcessApi(environment, IdCloudProcessHostFamily.IdCloud)))
            {
                return environment;
            }
        }

        return null;
    }

    private static bool SameHost(Uri address, Uri preset) => string.Equals(address.Host, preset.Host, StringComparison.OrdinalIgnoreCase);

    private void CheckServiceAccount(IdCloudServiceAccountOptions? account, List<string> failures)
    {
        if (account is null)
        {
            failures.Add($"{Key("ServiceAccount")} is missing: set AccountName, TenantId and PrivateKeyPem or PrivateKeyPath.");
            return;
        }

        if (string.IsNullOrWhiteSpace(account.AccountName))
        {
            failures.Add($"{Key("ServiceAccount:AccountName")} is required: the service account name Unico issued for this environment.");
        }

        if (string.IsNullOrWhiteSpace(account.TenantId))
        {
            failures.Add($"{Key("ServiceAccount:TenantId")} is required: the company (tenant) id issued with the service account.");
        }

        var hasPem = !string.IsNullOrWhiteSpace(account.PrivateKeyPem);
        var hasPath = !string.IsNullOrWhiteSpace(account.PrivateKeyPath);
        if (hasPem == hasPath)
        {
            failures.Add(hasPem
                ? $"Set exactly one of {Key("ServiceAccount:PrivateKeyPem")} and {Key("ServiceAccount:PrivateKeyPath")}, not both."
                : $"Set exactly one of {Key("ServiceAccount:PrivateKeyPem")} (the PEM text) or {Key("ServiceAccount:PrivateKeyPath")} (the .key.pem file).");
        }
    }

    private void CheckToken(IdCloudTokenOptions? token, List<string> failures)
    {
        if (token is null)
        {
            failures.Add($"{Key("Token")} must not be null; remove it to use the defaults.");
            return;
        }

        if (token.AssertionLifetime <= TimeSpan.Zero || token.AssertionLifetime > MaxAssertionLifetime)
        {
            failures.Add($"{Key("Token:AssertionLifetime")} must be more than zero and at most 01:00:00 (Unico rejects longer assertions); got {Format(token.AssertionLifetime)}.");
        }

        if (token.RefreshBeforeExpiry < TimeSpan.Zero)
        {
            failures.Add($"{Key("Token:RefreshBeforeExpiry")} must not be negative; got {Format(token.RefreshBeforeExpiry)}.");
        }

        RequirePositive(token.TokenRequestTimeout, "Token:TokenRequestTimeout", failures);

        if (token.MaxTransientAttempts is < 1 or > MaxTokenAttempts)
        {
            failures.Add($"{Key("Token:MaxTransientAttempts")} must be between 1 and {MaxTokenAttempts}; got {token.MaxTransientAttempts}.");
        }

        if (token.ConfigurationErrorThrottle < TimeSpan.Zero)
        {
            failures.Add($"{Key("Token:ConfigurationErrorThrottle")} must not be negative; got {Format(token.ConfigurationErrorThrottle)}.");
        }
    }

    private void CheckResilience(IdCloudResilienceOptions? resilience, List<string> failures)
    {
        if (resilience is null)
        {
            failures.Add($"{Key("Resilience")} must not be null; remove it to use the defaults.");
            return;
        }

        var total = RequirePositive(resilience.TotalTimeout, "Resilience:TotalTimeout", failures);
        var attempt = RequirePositive(resilience.AttemptTimeout, "Resilience:AttemptTimeout", failures);
        RequirePositive(resilience.DownloadTimeout, "Resilience:DownloadTimeout", failures);

        // Longer than DownloadTimeout is accepted (configurations written before this setting existed lower only
        // DownloadTimeout); the download budget then ends the stall first.
        RequirePositive(resilience.DownloadIdleTimeout, "Resilience:DownloadIdleTimeout", failures);

        if (resilience.MaxResponseBodySize < 1024)
        {
            failures.Add($"{Key("Resilience:MaxResponseBodySize")} must be at least 1024 bytes; got {resilience.MaxResponseBodySize.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (resilience.MaxConnectionsPerServer < 1)
        {
            failures.Add($"{Key("Resilience:MaxConnectionsPerServer")} must be at least 1; got {resilience.MaxConnectionsPerServer.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (total && attempt && resilience.AttemptTimeout > resilience.TotalTimeout)
        {
            failures.Add(
                $"{Key("Resilience:AttemptTimeout")} ({Format(resilience.AttemptTimeout)}) must not exceed {Key("Resilience:TotalTimeout")} ({Format(resilience.TotalTimeout)}): one attempt cannot outlast the whole call.");
        }

        if (resilience.MaxRetryAttempts is < 0 or > MaxRetryAttempts)
        {
            failures.Add($"{Key("Resilience:MaxRetryAttempts")} must be between 0 and {MaxRetryAttempts}; got {resilience.MaxRetryAttempts}.");
        }

        if (resilience.BaseDelay < TimeSpan.Zero || resilience.BaseDelay > MaxTimeout)
        {
            failures.Add($"{Key("Resilience:BaseDelay")} must be between zero and one day; got {Format(resilience.BaseDelay)}.");
        }

        if (resilience.MaxDelay <= TimeSpan.Zero || resilience.MaxDelay < resilience.BaseDelay)
        {
            failures.Add($"{Key("Resilience:MaxDelay")} must be more than zero and at least {Key("Resilience:BaseDelay")}; got {Format(resilience.MaxDelay)}.");
        }

        if (resilience.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{Key("Resilience:MaxRetryAfter")} must not be negative; got {Format(resilience.MaxRetryAfter)}.");
        }

        if (!resilience.CircuitBreakerEnabled)
        {
            return;
        }

        if (!(resilience.CircuitBreakerFailureRatio > 0 && resilience.CircuitBreakerFailureRatio <= 1))
        {
            failures.Add($"{Key("Resilience:CircuitBreakerFailureRatio")} must be more than 0 and at most 1; got {resilience.CircuitBreakerFailureRatio.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (resilience.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add($"{Key("Resilience:CircuitBreakerMinimumThroughput")} must be at least 2; got {resilience.CircuitBreakerMinimumThroughput}.");
        }

        if (resilience.CircuitBreakerSamplingDuration < MinBreakerDuration || resilience.CircuitBreakerSamplingDuration > MaxTimeout)
        {
            failures.Add($"{Key("Resilience:CircuitBreakerSamplingDuration")} must be between 00:00:00.5 and one day; got {Format(resilience.CircuitBreakerSamplingDuration)}.");
        }

        if (resilience.CircuitBreakerBreakDuration < MinBreakerDuration || resilience.CircuitBreakerBreakDuration > MaxTimeout)
        {
            failures.Add($"{Key("Resilience:CircuitBreakerBreakDuration")} must be between 00:00:00.5 and one day; got {Format(resilience.CircuitBreakerBreakDuration)}.");
        }
    }

    private bool RequirePositive(TimeSpan value, string path, List<string> failures)
    {
        if (value > TimeSpan.Zero && value <= MaxTimeout)
        {
            return true;
        }

        failures.Add($"{Key(path)} must be more than zero and at most one day; got {Format(value)}.");
        return false;
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
