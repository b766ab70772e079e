using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;

namespace Unico.IdCloud.IntegrationTests.Authentication;

/// <summary>
/// Issue 14, defect 3: instances sharing a service account collided on their first token. Ten application instances
/// (ten DI containers, ten HttpClient pipelines, ten token caches, no shared store) whose clocks read the same whole
/// second all sign their first assertion with the same <c>iat</c>; the emulator verifies RS256 for real and refuses a
/// byte-identical assertion as a replay (1.2.7). Before the fix every assertion of that second was identical, the
/// retry waited a fixed second and collided again, and most instances failed.
/// </summary>
public sealed class SameSecondInstancesTests : IClassFixture<SameSecondInstancesTests.Fixture>
{
    private const int Instances = 10;

    private readonly Fixture _fixture;

    public SameSecondInstancesTests(Fixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
    }

    [Fact]
    public async Task InstancesSharingAServiceAccountDoNotCollideOnTheirFirstTokenWhenTheyStartInTheSameSecond()
    {
        var emulator = _fixture.Emulator;
        var account = emulator.CreateServiceAccount();

        // One clock for all instances (like NTP-synchronised pods), set so that it reads a whole second right now:
        // every instance's first assertion carries the same iat unless something else in it differs.
        var clock = new ShiftableClock();
        var now = clock.GetUtcNow();
        clock.SetOffset(-TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerSecond));

        var apps = Enumerable.Range(0, Instances)
            .Select(_ => IdCloudApp.Start(account, services: s => s.AddSingleton<TimeProvider>(clock)))
            .ToList();
        try
        {
            using var start = new ManualResetEventSlim();
            var calls = apps.Select((app, i) => Task.Run(async () =>
            {
                start.Wait();
                return await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(1400 + i)));
            })).ToList();
            start.Set();

            var outcomes = await Task.WhenAll(calls.Select(async c =>
            {
                try
                {
                    return (await c).Id;
                }
                catch (IdCloudException ex)
                {
                    return "failed: " + ex.GetType().Name + " " + ex.ErrorCode;
                }
            }));

            Assert.All(outcomes, id => Assert.False(id!.StartsWith("failed", StringComparison.Ordinal), id));
            Assert.Equal(Instances, outcomes.Distinct().Count());
            Assert.Equal(Instances, emulator.ProcessCreationCount);

            // Collisions, if any, were rare: one token request per instance plus at most a few jittered retries.
            Assert.InRange(emulator.TokenRequestCount, Instances, Instances + 3);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    public sealed class Fixture : EmulatorFixture;
}
