using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Fidelity;

/// <summary>
/// The SDK against an emulator that enforces Unico's per-tenant budget (10 requests per second, 429 with Retry-After):
/// a burst over the budget is refused in part, and the SDK's reads wait as told and complete.
/// </summary>
public sealed class RateLimitedEmulatorTests(RateLimitedEmulatorTests.Fixture fixture) : IClassFixture<RateLimitedEmulatorTests.Fixture>
{
    private const int Callers = 40;

    [Fact]
    public async Task ABurstOverTheBudgetIsRefusedInPartAndEveryReadCompletes()
    {
        var emulator = fixture.Emulator;
        emulator.Reset();
        await using var app = IdCloudApp.Start(fixture.Account, resilience: options =>
        {
            // Forty callers at ten per second: the last ones are turned away three or four times.
            options.MaxRetryAttempts = 10;
            options.TotalTimeout = TimeSpan.FromSeconds(60);
            options.CircuitBreakerEnabled = false;
        });
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(710)));
        await emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);

        var reads = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => app.Processes.GetProcessAsync(created.Id!)));

        Assert.All(reads, read => Assert.Equal(created.Id, read.Id));
        var traffic = emulator.GetTenantTraffic(fixture.Account.TenantId);

        // Forty concurrent callers arrive within well under the three seconds it would take to spread them over four
        // windows of ten, so some are refused; each refusal came back (Retry-After) and was counted again.
        Assert.InRange(traffic.RateLimitedResponses, 1, int.MaxValue);
        Assert.Equal(1 + Callers + traffic.RateLimitedResponses, traffic.Requests);
        Assert.InRange(traffic.BusiestSecondRequests, IdCloudEmulatorOptions.DocumentedRateLimitPerSecond + 1, int.MaxValue);
    }

    public sealed class Fixture : EmulatorFixture
    {
        protected override IdCloudEmulatorOptions? EmulatorOptions => new() { EnforceRateLimit = true };
    }
}
