using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.ByClient;

/// <summary>
/// An emulator with two by Client API keys (onboarding with every capability, transactional) and an application wired
/// as README shows: <c>AddIdCloud</c> with the service account and the keys named <c>onboarding</c> and
/// <c>transactional</c>, fast retries.
/// </summary>
public sealed class ByClientFixture : EmulatorFixture
{
    public IdCloudApp App { get; private set; } = null!;

    public EmulatedByClientApiKey OnboardingKey { get; private set; } = null!;

    public EmulatedByClientApiKey TransactionalKey { get; private set; } = null!;

    public IIdCloudByClient Onboarding => App.Services.GetRequiredService<IIdCloudClientFactory>().GetByClient("onboarding");

    public IIdCloudByClient Transactional => App.Services.GetRequiredService<IIdCloudClientFactory>().GetByClient("transactional");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        OnboardingKey = Emulator.ByClient.CreateApiKey(new ByClientKeySettings { IdentityFraudsters = true, Serpro = true, RiskScore = true, Documents = true });
        TransactionalKey = Emulator.ByClient.CreateApiKey(new ByClientKeySettings { UseCase = "Transactional" });
        App = IdCloudApp.Start(
            Account,
            options => Emulator.ByClient.ApplyTo(options, ("onboarding", OnboardingKey), ("transactional", TransactionalKey)),
            IdCloudApp.FastRetries);
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await base.DisposeAsync();
    }
}
