using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Fidelity;

/// <summary>
/// The SDK's whole pipeline (authentication, resilience, telemetry) on top of the in-memory emulator
/// (<see cref="IdCloudEmulator.StartInMemoryAsync"/> + <see cref="EmulatorServiceCollectionExtensions.UseIdCloudEmulatorHandler"/>),
/// as a user's fast unit test wires it: no sockets, same behaviour.
/// </summary>
public sealed class InMemoryEmulatorTests(InMemoryEmulatorTests.Fixture fixture) : IClassFixture<InMemoryEmulatorTests.Fixture>
{
    private IdCloudEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task AJourneyWithDownloadsRunsInMemory()
    {
        Emulator.Reset();
        await using var app = Start();
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdUnicoSign, People.Cpf(720)));
        await Emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);

        var finished = await app.Processes.GetProcessAsync(created.Id!);
        var selfie = await app.Processes.GetSelfieAsync(created.Id!);
        await using var signed = await app.Signatures.GetSignedDocumentAsync(finished.Services![0].DocumentIds![0]);

        Assert.Equal(ProcessState.Finished, finished.State);
        FileAssert.IsJpeg(selfie.Content.Span);
        FileAssert.IsCompletePdf(await FileAssert.ReadAllAsync(signed));
        Assert.Equal(1, Emulator.TokenRequestCount);
        Assert.Equal(5, Emulator.Requests.Count); // token, create, get, selfie, signed document: all served in memory
    }

    [Fact]
    public async Task ARevokedTokenIsReplacedOnce()
    {
        Emulator.Reset();
        await using var app = Start();
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(721)));
        Emulator.RevokeAccessTokens();

        var process = await app.Processes.GetProcessAsync(created.Id!);

        Assert.Equal(created.Id, process.Id);
        Assert.Equal(2, Emulator.TokenRequestCount);
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedLikeOverSockets()
    {
        Emulator.Reset();
        await using var app = Start(resilience: IdCloudApp.FastRetries);
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(722)));
        Emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.Abort());

        var process = await app.Processes.GetProcessAsync(created.Id!);

        Assert.Equal(created.Id, process.Id);
        Assert.Equal([null, 200], Emulator.Requests.Where(r => r.Route == EmulatorRoute.GetProcess).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task ABareNotFoundIsATypedNotFound()
    {
        await using var app = Start();

        var missing = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.Processes.GetEvidenceSetAsync(Guid.NewGuid().ToString()));

        Assert.Equal(IdCloudErrorKind.NotFound, missing.Kind);
    }

    // Each application gets its own account: two applications minting for one account in the same second would send
    // byte-identical assertions, and the second would be refused as a replay (1.2.7), as on the real service.
    private IdCloudApp Start(Action<IdCloudResilienceOptions>? resilience = null) =>
        IdCloudApp.Start(Emulator.CreateServiceAccount(), resilience: resilience, services: services => services.UseIdCloudEmulatorHandler(Emulator));

    public sealed class Fixture : IAsyncLifetime
    {
        public IdCloudEmulator Emulator { get; private set; } = null!;

        public async Task InitializeAsync() => Emulator = await IdCloudEmulator.StartInMemoryAsync();

        public async Task DisposeAsync() => await Emulator.DisposeAsync();
    }
}
