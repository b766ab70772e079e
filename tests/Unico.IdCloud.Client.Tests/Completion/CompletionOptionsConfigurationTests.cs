using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client.Tests.Completion;

/// <summary>
/// Issue 10, item 5: the completion options bind from the same <c>IdCloud</c> section as everything else and a wrong
/// value fails when the application starts, naming the key to fix.
/// </summary>
public sealed class CompletionOptionsConfigurationTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Both_options_bind_from_IdCloud_Completion()
    {
        using var provider = Build(new()
        {
            ["IdCloud:Completion:Wait:InitialDelay"] = "00:00:05",
            ["IdCloud:Completion:Wait:MaxDelay"] = "00:02:00",
            ["IdCloud:Completion:Wait:Deadline"] = "00:10:00",
            ["IdCloud:Completion:SignedDocument:MaxAttempts"] = "4",
            ["IdCloud:Completion:SignedDocument:InitialDelay"] = "00:00:30",
            ["IdCloud:Completion:SignedDocument:MaxDelay"] = "00:03:00",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var wait = provider.GetRequiredService<IOptions<IdCloudWaitOptions>>().Value;
        var signed = provider.GetRequiredService<IOptions<IdCloudSignedDocumentWaitOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)), (wait.InitialDelay, wait.MaxDelay, wait.Deadline));
        Assert.Equal((4, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3)), (signed.MaxAttempts, signed.InitialDelay, signed.MaxDelay));
    }

    [Fact]
    public void Without_a_Completion_section_the_defaults_stay_and_start_up_passes()
    {
        using var provider = Build([]);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(TimeSpan.FromMinutes(30), provider.GetRequiredService<IOptions<IdCloudWaitOptions>>().Value.Deadline);
        Assert.Equal(10, provider.GetRequiredService<IOptions<IdCloudSignedDocumentWaitOptions>>().Value.MaxAttempts);
    }

    [Theory]
    [InlineData("IdCloud:Completion:Wait:InitialDelay", "00:00:00", "IdCloud:Completion:Wait:InitialDelay must be positive")]
    [InlineData("IdCloud:Completion:Wait:MaxDelay", "00:00:01", "IdCloud:Completion:Wait:MaxDelay must be at least IdCloud:Completion:Wait:InitialDelay")]
    [InlineData("IdCloud:Completion:Wait:Deadline", "-00:00:01", "IdCloud:Completion:Wait:Deadline must be positive")]
    [InlineData("IdCloud:Completion:SignedDocument:MaxAttempts", "0", "IdCloud:Completion:SignedDocument:MaxAttempts must be at least 1")]
    [InlineData("IdCloud:Completion:SignedDocument:InitialDelay", "-00:00:01", "IdCloud:Completion:SignedDocument:InitialDelay must not be negative")]
    [InlineData("IdCloud:Completion:SignedDocument:MaxDelay", "00:00:10", "IdCloud:Completion:SignedDocument:MaxDelay must be at least IdCloud:Completion:SignedDocument:InitialDelay")]
    public void A_wrong_value_fails_at_start_up_naming_the_key(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_named_after_the_section_the_application_bound()
    {
        using var provider = Build(new() { ["Payments:IdCloud:Completion:Wait:Deadline"] = "00:00:00" }, section: "Payments:IdCloud");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Payments:IdCloud:Completion:Wait:Deadline must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_configured_in_code_are_validated_at_start_up_too()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(o =>
        {
            o.ServiceAccount.AccountName = "shop";
            o.ServiceAccount.TenantId = "tenant-1";
            o.ServiceAccount.PrivateKeyPem = _key.ExportPkcs8PrivateKeyPem();
        });
        services.Configure<IdCloudWaitOptions>(o => o.MaxDelay = TimeSpan.FromMilliseconds(1));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("IdCloud:Completion:Wait:MaxDelay must be at least", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings, string section = "IdCloud")
    {
        settings[section + ":ServiceAccount:AccountName"] = "shop";
        settings[section + ":ServiceAccount:TenantId"] = "tenant-1";
        settings[section + ":ServiceAccount:PrivateKeyPem"] = _key.ExportPkcs8PrivateKeyPem();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddIdCloud(configuration.GetSection(section));
        return services.BuildServiceProvider();
    }
}
