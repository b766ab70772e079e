using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Concurrency;

/// <summary>
/// One application under load: many journeys at once through one container share one token (single flight) and
/// never get each other's processes.
/// </summary>
public sealed class ConcurrentJourneyTests : IClassFixture<EmulatorFixture>
{
    private const int Journeys = 100;

    private readonly EmulatorFixture _fixture;

    public ConcurrentJourneyTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
    }

    [Fact]
    public async Task AHundredConcurrentJourneysShareOneToken()
    {
        var emulator = _fixture.Emulator;
        await using var app = IdCloudApp.Start(_fixture.Account);
        var processes = app.Processes;

        // All journeys start before any has a token: they meet at the token provider and must share one request.
        var journeys = Enumerable.Range(0, Journeys).Select(async i =>
        {
            var cpf = People.Cpf(1000 + i);
            var outcome = i % 2 == 0 ? EmulatedOutcome.Approved : EmulatedOutcome.IdentityNegative;
            var created = await processes.CreateProcessAsync(ProcessRequests.For(Flow.Id, cpf, clientReference: "journey-" + i));
            await emulator.FinishProcessAsync(created.Id!, outcome);
            var finished = await processes.GetProcessAsync(created.Id!);
            return (Index: i, Cpf: cpf, Created: created, Finished: finished);
        }).ToList();

        var results = await Task.WhenAll(journeys);

        Assert.Equal(1, emulator.TokenRequestCount);
        Assert.Equal(Journeys, emulator.ProcessCreationCount);
        Assert.Equal(Journeys, results.Select(r => r.Created.Id).Distinct().Count());
        foreach (var (index, cpf, created, finished) in results)
        {
            Assert.Equal(created.Id, finished.Id);
            Assert.Equal("journey-" + index, finished.ClientReference);
            Assert.Equal(cpf, finished.Person?.DuiValue);
            Assert.Equal(ProcessState.Finished, finished.State);
            var expected = index % 2 == 0 ? AuthenticationResult.Positive : AuthenticationResult.Negative;
            Assert.Equal(expected, finished.AuthenticationInfo?.AuthenticationResult);
        }

        Assert.All(emulator.Requests.Where(r => r.Route != EmulatorRoute.Token), r => Assert.True(r.HasAuthorization));
        Assert.DoesNotContain(emulator.Requests, r => r.StatusCode is not 200);
    }
}
