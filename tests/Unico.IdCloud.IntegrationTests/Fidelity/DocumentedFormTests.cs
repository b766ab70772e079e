using System.Net;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Fidelity;

/// <summary>
/// The SDK against each form the vendor documents (or a gateway sends) for 401 and 404, over real sockets and only
/// through its public clients: a journey, a token the server refuses (replaced once), and a 404 on every read
/// endpoint. Each derived class runs every test against one emulator configuration.
/// </summary>
public abstract class DocumentedFormTests
{
    private readonly EmulatorFixture _fixture;

    protected DocumentedFormTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
    }

    private IdCloudEmulator Emulator => _fixture.Emulator;

    [Fact]
    public async Task AJourneyCompletes()
    {
        await using var app = IdCloudApp.Start(_fixture.Account);
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdUnicoSign, People.Cpf(700)));
        await Emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);

        var finished = await app.Processes.GetProcessAsync(created.Id!);
        var selfie = await app.Processes.GetSelfieAsync(created.Id!);
        var evidence = await app.Processes.GetEvidenceSetAsync(created.Id!);
        await using var signed = await app.Signatures.GetSignedDocumentAsync(finished.Services![0].DocumentIds![0]);

        Assert.Equal(ProcessState.Finished, finished.State);
        FileAssert.IsJpeg(selfie.Content.Span);
        FileAssert.IsCompletePdf(evidence.Content.Span);
        FileAssert.IsCompletePdf(await FileAssert.ReadAllAsync(signed));
    }

    [Fact]
    public async Task ARefusedTokenIsReplacedOnceAndTheCallSucceeds()
    {
        await using var app = IdCloudApp.Start(Emulator.CreateServiceAccount());
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(701)));
        Emulator.RevokeAccessTokens();

        var process = await app.Processes.GetProcessAsync(created.Id!);

        Assert.Equal(created.Id, process.Id);
        Assert.Equal(2, Emulator.TokenRequestCount);
        var statuses = await Faults.FaultMatrix.SettledStatusesOf(Emulator, EmulatorRoute.GetProcess, 2);
        Assert.Equal([200, 401], statuses.Order()); // refused once, resent once with the new token
    }

    [Fact]
    public async Task EveryProcessReadOfAnUnknownIdIsATypedNotFound()
    {
        await using var app = IdCloudApp.Start(_fixture.Account);
        var id = Guid.NewGuid().ToString();

        await AssertNotFoundAsync(() => app.Processes.GetProcessAsync(id));
        await AssertNotFoundAsync(() => app.Processes.GetSelfieAsync(id));
        await AssertNotFoundAsync(() => app.Processes.GetEvidenceSetAsync(id));
    }

    [Fact]
    public async Task EverySignatureReadOfAnUnknownIdIsATypedNotFound()
    {
        await using var app = IdCloudApp.Start(_fixture.Account);
        var id = Guid.NewGuid().ToString();

        await AssertNotFoundAsync(async () => await (await app.Signatures.GetSignedDocumentAsync(id)).DisposeAsync());
        await AssertNotFoundAsync(async () => await (await app.Signatures.GetSignatureEvidenceAsync(id)).DisposeAsync());
    }

    [Fact]
    public async Task AnAccountWithoutTheSelfiePermissionGetsATypedPermissionDenied()
    {
        await using var app = IdCloudApp.Start(Emulator.CreateServiceAccount(permissions: EmulatedPermissions.EvidenceSet));
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.Id, People.Cpf(702)));
        await Emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);

        var denied = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.Processes.GetSelfieAsync(created.Id!));
        var evidence = await app.Processes.GetEvidenceSetAsync(created.Id!);

        Assert.Equal(IdCloudErrorKind.PermissionDenied, denied.Kind);
        Assert.Equal("7", denied.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        FileAssert.IsCompletePdf(evidence.Content.Span);
    }

    private static async Task AssertNotFoundAsync(Func<Task> call)
    {
        var missing = await Assert.ThrowsAnyAsync<IdCloudException>(call);
        Assert.Equal(IdCloudErrorKind.NotFound, missing.Kind);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, missing.RetryCount);
    }
}

/// <summary>The emulator's defaults: the documented JSON 401, bare 404s on the process reads.</summary>
public sealed class DefaultFormTests(DefaultFormTests.Fixture fixture) : DocumentedFormTests(fixture), IClassFixture<DefaultFormTests.Fixture>
{
    public sealed class Fixture : EmulatorFixture;
}

/// <summary>The gateway's plain-text 401 with <c>WWW-Authenticate</c>, and 404s with their JSON bodies.</summary>
public sealed class GatewayFormTests(GatewayFormTests.Fixture fixture) : DocumentedFormTests(fixture), IClassFixture<GatewayFormTests.Fixture>
{
    public sealed class Fixture : EmulatorFixture
    {
        protected override IdCloudEmulatorOptions? EmulatorOptions => new()
        {
            UnauthorizedResponse = EmulatedUnauthorizedResponse.GatewayPlainText,
            NotFoundResponse = EmulatedNotFoundResponse.WithBody,
        };
    }
}

/// <summary>Bare 404s on every read endpoint, the signature API's included.</summary>
public sealed class StatusOnlyFormTests(StatusOnlyFormTests.Fixture fixture) : DocumentedFormTests(fixture), IClassFixture<StatusOnlyFormTests.Fixture>
{
    public sealed class Fixture : EmulatorFixture
    {
        protected override IdCloudEmulatorOptions? EmulatorOptions => new() { NotFoundResponse = EmulatedNotFoundResponse.StatusOnly };
    }
}
