using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Unico.IdCloud.Client;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Diagnostics;

/// <summary>
/// <c>AddIdCloud(...).AddHealthCheck()</c> as an application registers it, probed through ASP.NET Core's
/// <see cref="HealthCheckService"/> against the emulator over real sockets.
/// </summary>
public sealed class HealthCheckTests : IAsyncLifetime
{
    private IdCloudEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await IdCloudEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static ServiceProvider Build(EmulatedServiceAccount account)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(account.ApplyTo).AddHealthCheck(tags: ["ready"]);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task ReportsHealthyWhenATokenCanBeObtainedAndReusesTheCachedTokenOnTheNextProbe()
    {
        var account = _emulator.CreateServiceAccount();
        await using var provider = Build(account);
        var health = provider.GetRequiredService<HealthCheckService>();

        var first = await health.CheckHealthAsync();
        var second = await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, first.Status);
        Assert.Equal(HealthStatus.Healthy, second.Status);
        Assert.Contains("ready", first.Entries["idcloud"].Tags);
        Assert.Equal(1, _emulator.TokenRequestCount);
    }

    [Fact]
    public async Task ReportsUnhealthyWithTheUnicoCodeWhenTheAccountIsLockedAndLeaksNoSecret()
    {
        var account = _emulator.CreateServiceAccount();
        account.Lock();
        await using var provider = Build(account);
        var health = provider.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync();

        var entry = report.Entries["idcloud"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("1.2.18", entry.Data["errorCode"]);
        Assert.Equal(nameof(IdCloudErrorKind.Authentication), entry.Data["kind"]);
        Assert.Null(entry.Exception);
        var privateKeyLine = account.PrivateKeyPem.Split('\n')[1];
        Assert.DoesNotContain(privateKeyLine, entry.Description ?? string.Empty, StringComparison.Ordinal);
    }
}
