using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client.Tests.Options;

public sealed class IdCloudOptionsValidatorTests
{
    private const string PemMarker = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";

    private static readonly Dictionary<string, string?> ValidSettings = new()
    {
        ["IdCloud:Environment"] = "Uat",
        ["IdCloud:ServiceAccount:AccountName"] = "acct01",
        ["IdCloud:ServiceAccount:TenantId"] = "tenant-123",
        ["IdCloud:ServiceAccount:PrivateKeyPath"] = "/run/secrets/idcloud.key.pem",
    };

    [Fact]
    public void A_complete_configuration_is_valid()
    {
        var result = Validate(Bind(ValidSettings));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Defaults_plus_a_service_account_are_valid_in_production_too()
    {
        var result = Validate(Bind(With(("IdCloud:Environment", "Production"))));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("IdCloud:ServiceAccount:TenantId")]
    [InlineData("IdCloud:ServiceAccount:AccountName")]
    public void A_missing_service_account_setting_names_its_key(string key)
    {
        var result = Validate(Bind(With((key, null))));

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(key + " is required", failure);
    }

    [Fact]
    public void Blank_values_count_as_missing()
    {
        var result = Validate(Bind(With(("IdCloud:ServiceAccount:TenantId", "   "))));

        Assert.Contains(result.Failures!, f => f.StartsWith("IdCloud:ServiceAccount:TenantId is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Neither_key_form_is_rejected()
    {
        var result = Validate(Bind(With(("IdCloud:ServiceAccount:PrivateKeyPath", null))));

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("IdCloud:ServiceAccount:PrivateKeyPem", failure);
        Assert.Contains("IdCloud:ServiceAccount:PrivateKeyPath", failure);
    }

    [Fact]
    public void Both_key_forms_are_rejected_without_echoing_the_key()
    {
        var result = Validate(Bind(With(("IdCloud:ServiceAccount:PrivateKeyPem", PemMarker))));

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("not both", failure);
        Assert.DoesNotContain("MIIEvQ", result.FailureMessage);
    }

    [Theory]
    [InlineData("IdCloud:ProcessApiBaseAddress", "api.cadastro.unico.app", "absolute URL")]
    [InlineData("IdCloud:SignatureApiBaseAddress", "/sign", "absolute URL")]
    [InlineData("IdCloud:IdentityBaseAddress", "http://identity.example.com", "http:// is accepted only for loopback")]
    [InlineData("IdCloud:ProcessApiBaseAddress", "ftp://api.cadastro.unico.app", "must use https")]
    [InlineData("IdCloud:ProcessApiBaseAddress", "https://user:pw@emulator.example.com", "without credentials")]
    [InlineData("IdCloud:ProcessApiBaseAddress", "https://emulator.example.com/?key=1", "query string")]
    public void A_bad_base_address_names_its_key(string key, string value, string expected)
    {
        var result = Validate(Bind(With((key, value))));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(key + " must", failure);
        Assert.Contains(expected, failure);
    }

    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://emulator.internal.example.com")]
    public void Loopback_http_and_custom_https_hosts_are_accepted(string address)
    {
        var result = Validate(Bind(With(
            ("IdCloud:ProcessApiBaseAddress", address),
            ("IdCloud:SignatureApiBaseAddress", address),
            ("IdCloud:IdentityBaseAddress", address))));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Identity_in_production_with_the_process_api_in_UAT_is_rejected()
    {
        var result = Validate(Bind(With(
            ("IdCloud:Environment", "Production"),
            ("IdCloud:ProcessApiBaseAddress", "https://api.cadastro.uat.unico.app"))));

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("mixes UAT and production", failure);
        Assert.Contains("IdCloud:ProcessApiBaseAddress = api.cadastro.uat.unico.app", failure);
        Assert.Contains("IdCloud:Environment (identity preset) = identity.acesso.io", failure);
    }

    [Fact]
    public void A_production_identity_override_in_a_UAT_configuration_is_rejected()
    {
        var result = Validate(Bind(With(("IdCloud:IdentityBaseAddress", "https://identity.acesso.io"))));

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("IdCloud:IdentityBaseAddress = identity.acesso.io", failure);
    }

    [Fact]
    public void Overrides_that_all_point_at_production_agree_with_each_other()
    {
        var result = Validate(Bind(With(
            ("IdCloud:Environment", "Uat"),
            ("IdCloud:IdentityBaseAddress", "https://identity.acesso.io"),
            ("IdCloud:ProcessApiBaseAddress", "https://api.idcloud.unico.app"),
            ("IdCloud:SignatureApiBaseAddress", "https://sign.acesso.io"))));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("IdCloud:Resilience:TotalTimeout", "00:00:00")]
    [InlineData("IdCloud:Resilience:AttemptTimeout", "-00:00:01")]
    [InlineData("IdCloud:Resilience:DownloadTimeout", "00:00:00")]
    [InlineData("IdCloud:Resilience:MaxRetryAttempts", "11")]
    [InlineData("IdCloud:Resilience:MaxRetryAttempts", "-1")]
    [InlineData("IdCloud:Resilience:MaxRetryAfter", "-00:00:01")]
    [InlineData("IdCloud:Resilience:CircuitBreakerMinimumThroughput", "1")]
    [InlineData("IdCloud:Resilience:CircuitBreakerFailureRatio", "0")]
    [InlineData("IdCloud:Resilience:CircuitBreakerBreakDuration", "00:00:00.100")]
    [InlineData("IdCloud:Token:AssertionLifetime", "00:00:00")]
    [InlineData("IdCloud:Token:AssertionLifetime", "01:00:01")]
    [InlineData("IdCloud:Token:RefreshBeforeExpiry", "-00:00:01")]
    [InlineData("IdCloud:Token:MaxTransientAttempts", "0")]
    public void An_out_of_range_setting_names_its_key(string key, string value)
    {
        var result = Validate(Bind(With((key, value))));

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(key + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_attempt_timeout_longer_than_the_total_timeout_is_rejected()
    {
        var result = Validate(Bind(With(
            ("IdCloud:Resilience:AttemptTimeout", "00:02:00"),
            ("IdCloud:Resilience:TotalTimeout", "00:01:00"))));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("IdCloud:Resilience:AttemptTimeout (00:02:00) must not exceed IdCloud:Resilience:TotalTimeout (00:01:00)", failure);
    }

    [Fact]
    public void The_whole_token_lifetime_range_edge_is_accepted()
    {
        var result = Validate(Bind(With(("IdCloud:Token:AssertionLifetime", "01:00:00"), ("IdCloud:Token:RefreshBeforeExpiry", "00:00:00"))));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Validate(Bind(new Dictionary<string, string?>
        {
            ["IdCloud:Environment"] = "Production",
            ["IdCloud:ProcessApiBaseAddress"] = "https://api.cadastro.uat.unico.app",
            ["IdCloud:Resilience:MaxRetryAttempts"] = "50",
            ["IdCloud:Token:AssertionLifetime"] = "02:00:00",
        }));

        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("mixes UAT and production", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("IdCloud:ServiceAccount:AccountName", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("IdCloud:ServiceAccount:TenantId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("IdCloud:ServiceAccount:PrivateKeyPem", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("IdCloud:Resilience:MaxRetryAttempts", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("IdCloud:Token:AssertionLifetime", StringComparison.Ordinal));
        Assert.Equal(6, failures.Count);
    }

    [Fact]
    public void Keys_use_the_section_the_options_were_bound_from()
    {
        var options = Bind(With(("IdCloud:ServiceAccount:TenantId", null)));

        var result = new IdCloudOptionsValidator("Integrations:Unico").Validate(Microsoft.Extensions.Options.Options.DefaultName, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Integrations:Unico:ServiceAccount:TenantId", StringComparison.Ordinal));
    }

    [Fact]
    public void Through_the_options_system_a_bad_configuration_fails_with_the_key_in_the_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(With(("IdCloud:ServiceAccount:TenantId", null))).Build();
        var services = new ServiceCollection();
        services.AddOptions<IdCloudOptions>().Bind(configuration.GetSection(IdCloudOptions.DefaultSectionName));
        services.AddSingleton<IValidateOptions<IdCloudOptions>, IdCloudOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IdCloudOptions>>().Value);

        Assert.Contains("IdCloud:ServiceAccount:TenantId is required", error.Message);
    }

    private static ValidateOptionsResult Validate(IdCloudOptions options) =>
        new IdCloudOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(ValidSettings);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static IdCloudOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new IdCloudOptions();
        configuration.GetSection(IdCloudOptions.DefaultSectionName).Bind(options);
        return options;
    }
}
