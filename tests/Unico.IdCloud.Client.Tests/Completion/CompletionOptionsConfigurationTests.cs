using Unico.IdCloud.TestSupport;
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

    [Fact]
    public void A_named_account_takes_its_own_Completion_keys_on_top_of_the_default_accounts()
    {
        using var provider = BuildTwoAccounts(new()
        {
            ["IdCloud:Completion:Wait:InitialDelay"] = "00:00:05",
            ["IdCloud:Completion:Wait:Deadline"] = "00:10:00",
            ["IdCloud:Completion:SignedDocument:MaxAttempts"] = "4",
            ["IdCloud:Accounts:acme:Completion:Wait:Deadline"] = "00:01:00",
            ["IdCloud:Accounts:acme:Completion:SignedDocument:MaxDelay"] = "00:07:00",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var waits = provider.GetRequiredService<IOptionsMonitor<IdCloudWaitOptions>>();
        var signed = provider.GetRequiredService<IOptionsMonitor<IdCloudSignedDocumentWaitOptions>>();

        // The default account: its own keys only.
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10)), (waits.Get(Microsoft.Extensions.Options.Options.DefaultName).InitialDelay, waits.Get(Microsoft.Extensions.Options.Options.DefaultName).Deadline));
        Assert.Equal(TimeSpan.FromMinutes(5), signed.Get(Microsoft.Extensions.Options.Options.DefaultName).MaxDelay);

        // acme: the default account's values, its own keys on top.
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)), (waits.Get("acme").InitialDelay, waits.Get("acme").Deadline));
        Assert.Equal((4, TimeSpan.FromMinutes(7)), (signed.Get("acme").MaxAttempts, signed.Get("acme").MaxDelay));
    }

    [Fact]
    public void A_wrong_value_of_a_named_account_fails_at_start_up_naming_its_key()
    {
        using var provider = BuildTwoAccounts(new() { ["IdCloud:Accounts:acme:Completion:Wait:Deadline"] = "00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("IdCloud:Accounts:acme:Completion:Wait:Deadline must be positive", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("IdCloud:Completion:Wait:Deadline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_accounts_waiter_gives_up_at_that_accounts_deadline()
    {
        var time = new ObservedTimeProvider();
        var acmeProcesses = new FakeProcessClient();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddKeyedSingleton<IIdCloudProcessClient>("acme", acmeProcesses);
        AddTwoAccounts(services, new() { ["IdCloud:Accounts:acme:Completion:Wait:Deadline"] = "00:01:00" });
        using var provider = services.BuildServiceProvider();

        var wait = provider.GetRequiredKeyedService<IIdCloudProcessWaiter>("acme").WaitForCompletionAsync("53060f52-f146-4c12-a234-5bb5031f6f5b");
        while (!wait.IsCompleted)
        {
            if (!await time.CompletedOrTimerAsync(wait, TimeSpan.FromSeconds(30)) && time.PendingDelays is { Count: > 0 } pending)
            {
                time.Advance(pending.Min());
            }
        }

        var error = await IdCloudAssert.ThrowsAsync<IdCloudWaitTimeoutException>(IdCloudErrorKind.WaitTimeout, () => wait);
        Assert.Equal(TimeSpan.FromMinutes(1), error.Deadline);
        Assert.NotEmpty(acmeProcesses.GetProcessCalls);
    }

    private ServiceProvider BuildTwoAccounts(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        AddTwoAccounts(services, settings);
        return services.BuildServiceProvider();
    }

    /// <summary>The default account from <c>IdCloud</c> and <c>acme</c> from <c>IdCloud:Accounts:acme</c>.</summary>
    private void AddTwoAccounts(IServiceCollection services, Dictionary<string, string?> settings)
    {
        foreach (var section in new[] { "IdCloud", "IdCloud:Accounts:acme" })
        {
            settings[section + ":ServiceAccount:AccountName"] = "shop";
            settings[section + ":ServiceAccount:TenantId"] = "tenant-1";
            settings[section + ":ServiceAccount:PrivateKeyPem"] = _key.ExportPkcs8PrivateKeyPem();
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddIdCloud(configuration.GetSection("IdCloud"));
        services.AddIdCloud("acme", configuration.GetSection("IdCloud:Accounts:acme"));
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
