using Unico.IdCloud.TestSupport;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client.Tests.DependencyInjection;

/// <summary>What a user sees from <c>services.AddIdCloud(...)</c>: registrations, binding and start-up validation.</summary>
public sealed class AddIdCloudTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose() => _key.Dispose();

    private string Pem => _key.ExportPkcs8PrivateKeyPem();

    private void ValidAccount(IdCloudOptions options)
    {
        options.ServiceAccount.AccountName = "shop";
        options.ServiceAccount.TenantId = "tenant-1";
        options.ServiceAccount.PrivateKeyPem = Pem;
    }

    [Fact]
    public void RegistersTypedClientsOnTheirOwnHostsWithOneSharedTokenProvider()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(ValidAccount);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var process = provider.GetRequiredService<IIdCloudProcessClient>();
        var signature = provider.GetRequiredService<IIdCloudSignatureClient>();
        Assert.NotNull(process);
        Assert.NotNull(signature);
        Assert.Same(provider.GetRequiredService<IIdCloudTokenProvider>(), provider.GetRequiredService<IIdCloudTokenProvider>());

        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var processHttp = factory.CreateClient(IdCloudHttpClientNames.ProcessApi);
        Assert.Equal(new Uri("https://api.cadastro.uat.unico.app/"), processHttp.BaseAddress);
        Assert.Equal(Timeout.InfiniteTimeSpan, processHttp.Timeout);
        Assert.Equal(new Uri("https://signhom.acesso.io/"), factory.CreateClient(IdCloudHttpClientNames.SignatureApi).BaseAddress);
        Assert.Equal(new Uri("https://identityhomolog.acesso.io/"), factory.CreateClient(IdCloudHttpClientNames.Identity).BaseAddress);
    }

    [Fact]
    public void ProductionAndTheNewerHostFamilyPickTheirPresets()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(options =>
        {
            ValidAccount(options);
            options.Environment = IdCloudEnvironment.Production;
            options.ProcessHostFamily = IdCloudProcessHostFamily.IdCloud;
        });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        Assert.Equal(new Uri("https://api.idcloud.unico.app/"), factory.CreateClient(IdCloudHttpClientNames.ProcessApi).BaseAddress);
        Assert.Equal(new Uri("https://sign.acesso.io/"), factory.CreateClient(IdCloudHttpClientNames.SignatureApi).BaseAddress);
        Assert.Equal(new Uri("https://identity.acesso.io/"), factory.CreateClient(IdCloudHttpClientNames.Identity).BaseAddress);
    }

    [Fact]
    public void BindsFromAConfigurationSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IdCloud:Environment"] = "Production",
            ["IdCloud:ServiceAccount:AccountName"] = "shop",
            ["IdCloud:ServiceAccount:TenantId"] = "tenant-1",
            ["IdCloud:ServiceAccount:PrivateKeyPem"] = Pem,
            ["IdCloud:Resilience:MaxRetryAttempts"] = "5",
            ["IdCloud:Token:RefreshBeforeExpiry"] = "00:02:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddIdCloud(configuration.GetSection(IdCloudOptions.DefaultSectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<IdCloudOptions>>().Value;

        Assert.Equal(IdCloudEnvironment.Production, options.Environment);
        Assert.Equal("shop", options.ServiceAccount.AccountName);
        Assert.Equal(5, options.Resilience.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Token.RefreshBeforeExpiry);
    }

    [Fact]
    public void MissingSettingsFailAtStartUpNamingEachKey()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(_ => { });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("IdCloud:ServiceAccount:AccountName", error.Message, StringComparison.Ordinal);
        Assert.Contains("IdCloud:ServiceAccount:TenantId", error.Message, StringComparison.Ordinal);
        Assert.Contains("IdCloud:ServiceAccount:PrivateKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyFileThatDoesNotExistFailsAtStartUpNamingTheSetting()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".key.pem");
        var services = new ServiceCollection();
        services.AddIdCloud(options =>
        {
            options.ServiceAccount.AccountName = "shop";
            options.ServiceAccount.TenantId = "tenant-1";
            options.ServiceAccount.PrivateKeyPath = missing;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("PrivateKeyPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APublicKeyInsteadOfThePrivateKeyFailsAtStartUpWithoutPrintingTheKey()
    {
        var publicPem = _key.ExportSubjectPublicKeyInfoPem();
        var services = new ServiceCollection();
        services.AddIdCloud(options =>
        {
            options.ServiceAccount.AccountName = "shop";
            options.ServiceAccount.TenantId = "tenant-1";
            options.ServiceAccount.PrivateKeyPem = publicPem;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("PrivateKeyPem", error.Message, StringComparison.Ordinal);
        var body = publicPem.Split('\n')[1];
        Assert.DoesNotContain(body, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixingUatAndProductionHostsIsRejectedAtStartUp()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(options =>
        {
            ValidAccount(options);
            options.Environment = IdCloudEnvironment.Uat;
            options.IdentityBaseAddress = IdCloudHosts.ProductionIdentity;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("IdCloud:IdentityBaseAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainHttpIsRejectedForNonLoopbackHosts()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(options =>
        {
            ValidAccount(options);
            options.ProcessApiBaseAddress = new Uri("http://api.cadastro.uat.unico.app");
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("IdCloud:ProcessApiBaseAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABroughtTokenProviderReplacesTheServiceAccountWhichIsThenNotRequired()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(_ => { }).UseTokenProvider(_ => new FixedTokenProvider("vault-token", DateTimeOffset.UtcNow.AddHours(1)));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var token = await provider.GetRequiredService<IIdCloudTokenProvider>().GetTokenAsync();

        Assert.Equal("vault-token", token.Value);
    }

    [Fact]
    public void CallingAddIdCloudTwiceRegistersThePipelineOnce()
    {
        var services = new ServiceCollection();
        var first = services.AddIdCloud(ValidAccount);
        var second = services.AddIdCloud(options => options.Resilience.MaxRetryAttempts = 1);
        using var provider = services.BuildServiceProvider();

        Assert.Same(first, second);
        Assert.Single(services, d => d.ServiceType == typeof(IIdCloudTokenProvider));
        Assert.Equal(1, provider.GetRequiredService<IOptions<IdCloudOptions>>().Value.Resilience.MaxRetryAttempts);
    }

    [Fact]
    public void ConfigureResilienceChangesTheOptions()
    {
        var services = new ServiceCollection();
        services.AddIdCloud(ValidAccount).ConfigureResilience(r => r.AttemptTimeout = TimeSpan.FromSeconds(7));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<IdCloudOptions>>().Value.Resilience.AttemptTimeout);
    }
}
