using Unico.IdCloud.TestSupport;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.DependencyInjection;

/// <summary>
/// <c>services.AddIdCloud("name", ...)</c> beside the default account: keyed services, the factory, binding from
/// <c>IdCloud:Accounts:&lt;name&gt;</c>, validation per account naming the exact key, and per-account token providers,
/// budgets and resilience options.
/// </summary>
public sealed class NamedAccountsTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose() => _key.Dispose();

    private string Pem => _key.ExportPkcs8PrivateKeyPem();

    private Action<IdCloudOptions> Account(string name, string tenant, string host) => options =>
    {
        options.ServiceAccount.AccountName = name;
        options.ServiceAccount.TenantId = tenant;
        options.ServiceAccount.PrivateKeyPem = Pem;
        options.ProcessApiBaseAddress = new Uri($"https://process.{host}.example");
        options.SignatureApiBaseAddress = new Uri($"https://sign.{host}.example");
        options.IdentityBaseAddress = new Uri($"https://identity.{host}.example");
    };

    [Fact]
    public void EachAccountResolvesItsOwnKeyedServicesOnItsOwnHosts()
    {
        var services = new ServiceCollection();
        var main = services.AddIdCloud(Account("shop", "tenant-main", "main"));
        var acme = services.AddIdCloud("acme", Account("shop", "tenant-acme", "acme"));
        var globex = services.AddIdCloud("globex", Account("shop", "tenant-globex", "globex"));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Equal("", main.AccountName);
        Assert.Equal("acme", acme.AccountName);

        // Every service of the issue, per account, distinct from the default account's and from each other's.
        var tokenProviders = new[] { provider.GetRequiredService<IIdCloudTokenProvider>() }
            .Concat(new[] { "acme", "globex" }.Select(n => provider.GetRequiredKeyedService<IIdCloudTokenProvider>(n)))
            .ToList();
        Assert.Equal(3, tokenProviders.Distinct().Count());
        Assert.Same(tokenProviders[1], provider.GetRequiredKeyedService<IIdCloudTokenProvider>("acme"));
        foreach (var name in new[] { "acme", "globex" })
        {
            Assert.NotNull(provider.GetRequiredKeyedService<IIdCloudProcessClient>(name));
            Assert.NotNull(provider.GetRequiredKeyedService<IIdCloudSignatureClient>(name));
            Assert.NotNull(provider.GetRequiredKeyedService<IIdCloudProcessApi>(name));
            Assert.NotNull(provider.GetRequiredKeyedService<IIdCloudSignatureApi>(name));
            Assert.NotNull(provider.GetRequiredKeyedService<IIdCloudProcessWaiter>(name));
            Assert.NotNull(provider.GetRequiredKeyedService<IIdCloudArtifactDownloader>(name));
        }

        Assert.NotSame(provider.GetRequiredKeyedService<IIdCloudProcessWaiter>("acme"), provider.GetRequiredKeyedService<IIdCloudProcessWaiter>("globex"));
        Assert.NotSame(provider.GetRequiredService<IIdCloudProcessWaiter>(), provider.GetRequiredKeyedService<IIdCloudProcessWaiter>("acme"));

        // Each account's named HTTP clients point at its own hosts.
        var http = provider.GetRequiredService<IHttpClientFactory>();
        Assert.Equal(new Uri("https://process.main.example/"), http.CreateClient(main.ProcessApiHttpClient.Name).BaseAddress);
        Assert.Equal(new Uri("https://process.acme.example/"), http.CreateClient(acme.ProcessApiHttpClient.Name).BaseAddress);
        Assert.Equal(new Uri("https://sign.globex.example/"), http.CreateClient(globex.SignatureApiHttpClient.Name).BaseAddress);
        Assert.Equal(new Uri("https://identity.acme.example/"), http.CreateClient(acme.IdentityHttpClient.Name).BaseAddress);
        Assert.Equal(3, new[] { main, acme, globex }.Select(b => b.ProcessApiHttpClient.Name).Distinct().Count());
    }

    [Fact]
    public void AKeyedServiceCanBeInjectedWithFromKeyedServices()
    {
        var services = new ServiceCollection();
        services.AddIdCloud("acme", Account("shop", "tenant-acme", "acme"));
        services.AddTransient<AcmeOnboarding>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var onboarding = provider.GetRequiredService<AcmeOnboarding>();

        Assert.Same(provider.GetRequiredKeyedService<IIdCloudTokenProvider>("acme"), onboarding.Tokens);
        Assert.Null(provider.GetService<IIdCloudTokenProvider>());
    }

    [Fact]
    public void TheFactoryResolvesAccountsByNameAndAnUnknownNameListsTheKnownOnes()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(Account("shop", "tenant-main", "main"));
        services.AddIdCloud("acme", Account("shop", "tenant-acme", "acme"));
        services.AddIdCloud("globex", Account("shop", "tenant-globex", "globex"));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IIdCloudClientFactory>();

        Assert.Equal(["", "acme", "globex"], factory.AccountNames);
        Assert.NotNull(factory.GetProcessClient("acme"));
        Assert.NotNull(factory.GetSignatureClient("globex"));
        Assert.NotNull(factory.GetProcessClient(""));
        Assert.Same(provider.GetRequiredKeyedService<IIdCloudProcessWaiter>("acme"), factory.GetProcessWaiter("acme"));
        Assert.Same(provider.GetRequiredService<IIdCloudArtifactDownloader>(), factory.GetArtifactDownloader(""));

        var error = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => factory.GetProcessClient("initech"));
        Assert.Equal("IdCloud:Accounts:initech", error.SettingName);
        Assert.Contains("'initech'", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"acme\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"globex\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("default account", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFactoryGivesByClientClientsByKeyNameForEachAccount()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(options =>
        {
            Account("shop", "tenant-main", "main")(options);
            options.ByClient.ApiKeys["onboarding"] = "main-onboarding-key";
        });
        services.AddIdCloud("acme", options =>
        {
            Account("shop", "tenant-acme", "acme")(options);
            options.ByClient.ApiKeys["onboarding"] = "acme-onboarding-key";
            options.ByClient.ApiKeys["transactional"] = "acme-transactional-key";
        });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IIdCloudClientFactory>();

        // The default account when no account is named; a named account's own keys otherwise.
        Assert.Equal("onboarding", factory.GetByClient("onboarding").ApiKeyName);
        Assert.Equal("transactional", factory.GetByClient("transactional", "acme").ApiKeyName);
        Assert.Equal("onboarding", factory.GetByClient("onboarding", "acme").ApiKeyName);

        // Keys are per account: the default account has no transactional key, and the message names the key to set.
        var missing = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => factory.GetByClient("transactional"));
        Assert.Equal("IdCloud:ByClient:ApiKeys:transactional", missing.SettingName);
        Assert.Contains("configured names: onboarding", missing.Message, StringComparison.Ordinal);
        var missingInAcme = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => factory.GetByClient("kyc", "acme"));
        Assert.Equal("IdCloud:Accounts:acme:ByClient:ApiKeys:kyc", missingInAcme.SettingName);
        Assert.Contains("onboarding, transactional", missingInAcme.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("acme-onboarding-key", missingInAcme.Message, StringComparison.Ordinal);

        var unknownAccount = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => factory.GetByClient("onboarding", "initech"));
        Assert.Equal("IdCloud:Accounts:initech", unknownAccount.SettingName);
        Assert.Throws<ArgumentException>(() => factory.GetByClient(" "));

        // One key: the client is injectable directly; two keys: injecting it directly says to use the factory.
        Assert.Equal("onboarding", provider.GetRequiredService<Unico.IdCloud.Client.ByClient.IIdCloudByClient>().ApiKeyName);
        var ambiguous = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => provider.GetRequiredKeyedService<Unico.IdCloud.Client.ByClient.IIdCloudByClient>("acme"));
        Assert.Contains("GetByClient", ambiguous.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutADefaultAccountTheFactorySaysSo()
    {
        var services = new ServiceCollection();
        services.AddIdCloud("acme", Account("shop", "tenant-acme", "acme"));
        using var provider = services.BuildServiceProvider();

        var error = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => provider.GetRequiredService<IIdCloudClientFactory>().GetProcessClient(""));

        Assert.Contains("No default IDCloud account", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"acme\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANamedAccountBindsFromIdCloudAccountsAndTheDefaultFromIdCloud()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IdCloud:ServiceAccount:AccountName"] = "shop",
            ["IdCloud:ServiceAccount:TenantId"] = "tenant-main",
            ["IdCloud:ServiceAccount:PrivateKeyPem"] = Pem,
            ["IdCloud:Accounts:acme:Environment"] = "Production",
            ["IdCloud:Accounts:acme:ServiceAccount:AccountName"] = "acmesvc",
            ["IdCloud:Accounts:acme:ServiceAccount:TenantId"] = "tenant-acme",
            ["IdCloud:Accounts:acme:ServiceAccount:PrivateKeyPem"] = Pem,
            ["IdCloud:Accounts:acme:Resilience:MaxRetryAttempts"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddIdCloud(configuration.GetSection("IdCloud"));
        services.AddIdCloud("acme", configuration.GetSection("IdCloud:Accounts:acme"));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var monitor = provider.GetRequiredService<IOptionsMonitor<IdCloudOptions>>();
        var main = provider.GetRequiredService<IOptions<IdCloudOptions>>().Value;
        var acme = monitor.Get("acme");

        Assert.Equal("shop", main.ServiceAccount.AccountName);
        Assert.Equal(IdCloudEnvironment.Uat, main.Environment);
        Assert.Equal(3, main.Resilience.MaxRetryAttempts);
        Assert.Equal("acmesvc", acme.ServiceAccount.AccountName);
        Assert.Equal(IdCloudEnvironment.Production, acme.Environment);
        Assert.Equal(5, acme.Resilience.MaxRetryAttempts);
        Assert.Equal(new Uri("https://identity.acesso.io/"), provider.GetRequiredService<IHttpClientFactory>().CreateClient("Unico.IdCloud.Identity.acme").BaseAddress);
    }

    [Fact]
    public void ANamedAccountIsValidatedAtStartUpNamingItsExactKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IdCloud:Accounts:acme:ServiceAccount:AccountName"] = "acmesvc",
            ["IdCloud:Accounts:acme:Resilience:MaxRetryAttempts"] = "99",
        }).Build();
        var services = new ServiceCollection();
        services.AddIdCloud(Account("shop", "tenant-main", "main"));
        services.AddIdCloud("acme", configuration.GetSection("IdCloud:Accounts:acme"));
        services.AddIdCloud("globex", _ => { });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var message = string.Join("\n", error.InnerExceptions.Select(e => e.Message));

        Assert.Contains("IdCloud:Accounts:acme:ServiceAccount:TenantId", message, StringComparison.Ordinal);
        Assert.Contains("IdCloud:Accounts:acme:Resilience:MaxRetryAttempts", message, StringComparison.Ordinal);
        Assert.Contains("IdCloud:Accounts:globex:ServiceAccount:AccountName", message, StringComparison.Ordinal);
        Assert.DoesNotContain("IdCloud:Accounts:acme:ServiceAccount:AccountName", message, StringComparison.Ordinal);

        // The default account is valid: no message names its keys.
        Assert.DoesNotContain("IdCloud:ServiceAccount", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadKeyOfANamedAccountFailsAtStartUpNamingItsSettingWithoutTheKey()
    {
        var services = new ServiceCollection();
        services.AddIdCloud("acme", options =>
        {
            Account("shop", "tenant-acme", "acme")(options);
            options.ServiceAccount.PrivateKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("IdCloud:Accounts:acme:ServiceAccount:PrivateKeyPem", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN PUBLIC KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BringingATokenProviderToOneAccountLeavesTheOthersAlone()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(Account("shop", "tenant-main", "main"));
        services.AddIdCloud("vault", _ => { }).UseTokenProvider<FixedTokenProvider>();
        services.AddIdCloud("acme", _ => { });
        using var provider = services.BuildServiceProvider();

        Assert.IsType<FixedTokenProvider>(provider.GetRequiredKeyedService<IIdCloudTokenProvider>("vault"));
        Assert.IsNotType<FixedTokenProvider>(provider.GetRequiredService<IIdCloudTokenProvider>());

        // "vault" needs no service account any more, "acme" still does.
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("IdCloud:Accounts:acme:ServiceAccount:TenantId", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("IdCloud:Accounts:vault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachAccountHasItsOwnRequestBudgetAndResilienceOptions()
    {
        var services = new ServiceCollection();
        var main = services.AddIdCloud(Account("shop", "tenant-main", "main")).AddRateLimiter(o => o.RequestsPerSecond = 10);
        var acme = services.AddIdCloud("acme", Account("shop", "tenant-acme", "acme"))
            .AddRateLimiter(o => o.RequestsPerSecond = 25)
            .ConfigureResilience(o => o.MaxRetryAttempts = 6);

        // The standard Microsoft.Extensions.Http.Resilience API, through the names the builder exposes; runs last, wins.
        services.Configure<HttpRetryStrategyOptions>(acme.SignatureApiHttpClient.Name + "-IdCloud-retry", o => o.MaxRetryAttempts = 1);
        using var provider = services.BuildServiceProvider();

        var mainLimiter = provider.GetRequiredService<IIdCloudRateLimiter>();
        var acmeLimiter = provider.GetRequiredKeyedService<IIdCloudRateLimiter>("acme");
        Assert.NotSame(mainLimiter, acmeLimiter);
        var budgets = provider.GetRequiredService<IOptionsMonitor<IdCloudRateLimitOptions>>();
        Assert.Equal(10, budgets.Get("").RequestsPerSecond);
        Assert.Equal(25, budgets.Get("acme").RequestsPerSecond);

        var retries = provider.GetRequiredService<IOptionsMonitor<HttpRetryStrategyOptions>>();
        Assert.Equal(3, retries.Get(main.ProcessApiHttpClient.Name + "-IdCloud-retry").MaxRetryAttempts);
        Assert.Equal(6, retries.Get(acme.ProcessApiHttpClient.Name + "-IdCloud-retry").MaxRetryAttempts);
        Assert.Equal(1, retries.Get(acme.SignatureApiHttpClient.Name + "-IdCloud-retry").MaxRetryAttempts);
    }

    [Fact]
    public void CallingAddIdCloudTwiceForOneNameRegistersItsPipelineOnce()
    {
        var services = new ServiceCollection();
        var first = services.AddIdCloud("acme", Account("shop", "tenant-acme", "acme"));
        var second = services.AddIdCloud("acme", o => o.Resilience.MaxRetryAttempts = 4);
        using var provider = services.BuildServiceProvider();

        Assert.Same(first, second);
        Assert.Single(provider.GetRequiredService<IIdCloudClientFactory>().AccountNames);
        Assert.Equal(4, provider.GetRequiredService<IOptionsMonitor<IdCloudOptions>>().Get("acme").Resilience.MaxRetryAttempts);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a:b")]
    [InlineData("a b")]
    public void AnAccountNameThatCannotBeAConfigurationKeyIsRefused(string name)
    {
        var services = new ServiceCollection();

        Assert.ThrowsAny<ArgumentException>(() => services.AddIdCloud(name, _ => { }));
    }

    private sealed class AcmeOnboarding([FromKeyedServices("acme")] IIdCloudTokenProvider tokens, [FromKeyedServices("acme")] IIdCloudProcessClient processes)
    {
        public IIdCloudTokenProvider Tokens { get; } = tokens;

        public IIdCloudProcessClient Processes { get; } = processes;
    }
}
