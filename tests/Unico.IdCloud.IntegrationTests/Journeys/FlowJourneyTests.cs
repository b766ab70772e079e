using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Journeys;

/// <summary>
/// One full journey per flow family through the SDK, as a user's backend runs it: create the process, send the person
/// to the journey, learn that it finished, read the typed result and download the files.
/// </summary>
public sealed class FlowJourneyTests : IClassFixture<FlowJourneyTests.Fixture>
{
    private readonly Fixture _fixture;
    private readonly IdCloudEmulator _emulator;

    public FlowJourneyTests(Fixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator;
        _emulator.Reset();
    }

    private IIdCloudProcessClient Processes => _fixture.App.Processes;

    private IIdCloudSignatureClient Signatures => _fixture.App.Signatures;

    [Fact]
    public async Task LivenessOnly()
    {
        var finished = await RunJourneyAsync(Flow.IdLive, People.Cpf(1), EmulatedOutcome.Approved);

        Assert.Equal(LivenessResult.Live, finished.AuthenticationInfo!.LivenessResult);
        Assert.Contains(ProcessCapacity.IdLive, finished.Capacities!);
        Assert.Null(finished.Services);
    }

    // A refused identity and a failed liveness are PROCESS_RESULT_INVALID_IDENTITY (the vendor's response scenarios).
    [Theory]
    [InlineData(EmulatedOutcome.Approved, "PROCESS_RESULT_OK", "AUTHENTICATION_RESULT_POSITIVE", "LIVENESS_RESULT_LIVE", IdCloudProcessOutcome.Approved)]
    [InlineData(EmulatedOutcome.IdentityNegative, "PROCESS_RESULT_INVALID_IDENTITY", "AUTHENTICATION_RESULT_NEGATIVE", "LIVENESS_RESULT_LIVE", IdCloudProcessOutcome.Denied)]
    [InlineData(EmulatedOutcome.Inconclusive, "PROCESS_RESULT_OK", "AUTHENTICATION_RESULT_INCONCLUSIVE", "LIVENESS_RESULT_LIVE", IdCloudProcessOutcome.Inconclusive)]
    [InlineData(EmulatedOutcome.LivenessFailed, "PROCESS_RESULT_INVALID_IDENTITY", "AUTHENTICATION_RESULT_UNSPECIFIED", "LIVENESS_RESULT_NOT_LIVE", IdCloudProcessOutcome.Denied)]
    public async Task Identity(EmulatedOutcome outcome, string result, string authenticationResult, string livenessResult, IdCloudProcessOutcome expected)
    {
        var finished = await RunJourneyAsync(Flow.Id, People.Cpf(2), outcome);

        Assert.Equal(ProcessResult.From(result), finished.Result);
        Assert.Equal(expected, finished.Interpret().Outcome);
        Assert.Equal(AuthenticationResult.From(authenticationResult), finished.AuthenticationInfo!.AuthenticationResult);
        Assert.True(finished.AuthenticationInfo.AuthenticationResult!.Value.IsKnown);
        Assert.Equal(LivenessResult.From(livenessResult), finished.AuthenticationInfo.LivenessResult);
        Assert.Contains(ProcessCapacity.IdUnico, finished.Capacities!);
    }

    [Theory]
    [InlineData(EmulatedOutcome.Expired, "PROCESS_RESULT_EXPIRED")]
    [InlineData(EmulatedOutcome.ProcessingError, "PROCESS_RESULT_ERROR")]
    public async Task IdentityWithoutVerdict(EmulatedOutcome outcome, string result)
    {
        var created = await Processes.CreateProcessAsync(ProcessRequests.For(Flow.Id, People.Cpf(3)));
        await _emulator.FinishProcessAsync(created.Id!, outcome);

        var finished = await Processes.GetProcessAsync(created.Id!);

        Assert.Equal(ProcessState.Finished, finished.State);
        Assert.Equal(ProcessResult.From(result), finished.Result);
        Assert.NotNull(finished.AuthenticationInfo);
        Assert.Null(finished.AuthenticationInfo.AuthenticationResult);
        Assert.Null(finished.AuthenticationInfo.LivenessResult);
        if (outcome == EmulatedOutcome.Expired)
        {
            // Nobody was captured: there is no selfie to download, and the SDK says so with a typed not-found.
            var missing = await IdCloudAssert.ThrowsAsync<IdCloudApiException>(IdCloudErrorKind.NotFound, () => Processes.GetSelfieAsync(created.Id!));
            Assert.Equal(IdCloudErrorKind.NotFound, missing.Kind);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        }
    }

    [Fact]
    public async Task Documents()
    {
        var cpf = People.Cpf(4);
        var finished = await RunJourneyAsync(Flow.IdUnicoDocs, cpf, EmulatedOutcome.Approved);

        var service = Assert.Single(finished.Services!);
        var document = Assert.Single(service.Documents!);
        Assert.Equal(OcrDocumentCode.Cnh, document.Doc!.Code);
        var cnh = Assert.IsType<OcrDocumentData>(document.Doc.Data);
        Assert.Equal(cpf, cnh.CpfNumero); // a JSON number on the wire, text for the user
        Assert.Equal(ProcessRequests.FriendlyName, cnh.NomeCivil);
        Assert.Equal(["Ana da Silva", "Jose da Silva"], cnh.Filiacao!);
        Assert.Equal(new DateOnly(1990, 5, 12), cnh.BirthDate!.Value.Date);
        Assert.Equal("B", cnh.Categoria);
        Assert.True(document.CpfMatch);
        Assert.True(document.FaceMatch);
        Assert.True(Guid.TryParse(document.DocId, out _));
    }

    [Fact]
    public async Task ElectronicSignature()
    {
        var finished = await RunJourneyAsync(Flow.IdUnicoSign, People.Cpf(5), EmulatedOutcome.Approved);

        var service = Assert.Single(finished.Services!);
        Assert.False(string.IsNullOrEmpty(service.EnvelopeId));
        var documentId = Assert.Single(service.DocumentIds!); // one per uploaded document

        await using (var signed = await Signatures.GetSignedDocumentAsync(documentId))
        {
            Assert.Equal("application/pdf", signed.ContentType);
            var bytes = await FileAssert.ReadAllAsync(signed);
            Assert.Equal(signed.ContentLength, bytes.Length);
            FileAssert.IsCompletePdf(bytes);
        }

        var path = Path.Combine(Path.GetTempPath(), "idcloud-evidence-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await using (var evidence = await Signatures.GetSignatureEvidenceAsync(documentId))
            {
                Assert.Equal("application/pdf", evidence.ContentType);
                await evidence.SaveToFileAsync(path);
            }

            FileAssert.IsCompletePdf(await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ALargeSignedDocumentIsStreamedToDisk()
    {
        const long size = 8_000_000;
        _emulator.SignedDocumentSize = size; // read when the process finishes
        var created = await Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdUnicoSign, People.Cpf(7)));
        await _emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);
        var documentId = (await Processes.GetProcessAsync(created.Id!)).Services![0].DocumentIds![0];

        var path = Path.Combine(Path.GetTempPath(), "idcloud-signed-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await using (var signed = await Signatures.GetSignedDocumentAsync(documentId))
            {
                Assert.Equal(size, signed.ContentLength);
                await signed.SaveToFileAsync(path);
            }

            Assert.Equal(size, new FileInfo(path).Length);
            FileAssert.IsCompletePdf(await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task OneToOneToken()
    {
        var cpf = People.Cpf(6);
        var enrolment = await RunJourneyAsync(Flow.IdLive, cpf, EmulatedOutcome.Approved);

        var finished = await RunJourneyAsync(Flow.IdToken, cpf, EmulatedOutcome.Approved, bioTokenId: enrolment.Id);

        Assert.NotEqual(enrolment.Id, finished.Id);
        Assert.Equal(AuthenticationResult.Positive, finished.AuthenticationInfo!.AuthenticationResult);
        Assert.Contains(ProcessCapacity.IdToken, finished.Capacities!);
    }

    [Fact]
    public async Task AProcessCreatedWithoutADocumentStopsTheWaitUntilTheBackendSendsIt()
    {
        var request = ProcessRequests.For(Flow.Id, People.Cpf(8));
        request.Person = new ProcessPerson { FriendlyName = ProcessRequests.FriendlyName };
        var created = await Processes.CreateProcessAsync(request);
        Assert.Equal(ProcessState.AwaitingForDocument, created.State);
        var waiter = _fixture.App.Services.GetRequiredService<IIdCloudProcessWaiter>();
        var options = new IdCloudWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(50), Deadline = TimeSpan.FromMinutes(1) };

        // Waiting cannot finish it: the waiter says so after its first read instead of at the deadline.
        var awaiting = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.FailedPrecondition, () => waiter.WaitForCompletionAsync(created.Id, options));
        Assert.Equal(created.Id, awaiting.ResourceId);
        Assert.Equal(0, awaiting.RetryCount);

        var document = await Processes.SetProcessDocumentAsync(created.Id, Cpf.Parse(People.Cpf(8)));
        Assert.Equal(People.Cpf(8), document.Person?.DuiValue);
        var wait = waiter.WaitForCompletionAsync(created.Id, options);
        await _emulator.FinishProcessAsync(created.Id, EmulatedOutcome.Approved);

        var finished = await wait;
        Assert.Equal(ProcessState.Finished, finished.State);
        Assert.Equal(IdCloudProcessOutcome.Approved, finished.Interpret().Outcome);
    }

    [Fact]
    public async Task AnUnknownProcessIsATypedNotFound()
    {
        var missing = await IdCloudAssert.ThrowsAsync<IdCloudApiException>(IdCloudErrorKind.NotFound, () => Processes.GetProcessAsync(Guid.NewGuid().ToString()));

        Assert.Equal(IdCloudErrorKind.NotFound, missing.Kind);
        Assert.Equal("5", missing.ErrorCode);
        Assert.Equal(0, missing.RetryCount);
    }

    [Fact]
    public async Task AnUnknownSignedDocumentIsATypedNotFound()
    {
        var missing = await IdCloudAssert.ThrowsAsync<IdCloudApiException>(IdCloudErrorKind.NotFound, () => Signatures.GetSignedDocumentAsync(Guid.NewGuid().ToString()));

        Assert.Equal(IdCloudErrorKind.NotFound, missing.Kind);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>create → (CREATED, redirect URL, journey token) → finish → FINISHED + OK → selfie and evidence set.</summary>
    private async Task<IdCloudProcess> RunJourneyAsync(Flow flow, string cpf, EmulatedOutcome outcome, string? bioTokenId = null)
    {
        var request = ProcessRequests.For(flow, cpf, bioTokenId);
        var created = await Processes.CreateProcessAsync(request);

        Assert.True(Guid.TryParse(created.Id, out _), $"'{created.Id}' is not a process id.");
        Assert.Equal(ProcessState.Created, created.State);
        Assert.Equal(flow, created.Flow);
        Assert.Equal($"{_emulator.ProcessApiBaseAddress.OriginalString.TrimEnd('/')}/process/{created.Id}", created.UserRedirectUrl);
        Assert.False(string.IsNullOrEmpty(created.Token), "The web SDK needs the journey token.");
        Assert.Equal(request.ClientReference, created.ClientReference);
        Assert.True(created.ExpiresAt > created.CreatedAt);

        var beforeFinish = await Processes.GetProcessAsync(created.Id!);
        Assert.Equal(ProcessState.Created, beforeFinish.State);
        Assert.Null(beforeFinish.Result);

        await _emulator.FinishProcessAsync(created.Id!, outcome);

        var finished = await Processes.GetProcessAsync(created.Id!);
        Assert.Equal(created.Id, finished.Id);
        Assert.Equal(ProcessState.Finished, finished.State);
        Assert.Equal(outcome is EmulatedOutcome.IdentityNegative or EmulatedOutcome.LivenessFailed ? ProcessResult.InvalidIdentity : ProcessResult.Ok, finished.Result);
        Assert.NotNull(finished.FinishedAt);
        Assert.True(Guid.TryParse(finished.AuthenticationInfo?.AuthenticationId, out _), "A finished process names its authentication.");
        Assert.Equal(cpf, finished.Person?.DuiValue);
        Assert.Equal(string.Empty, finished.Token); // spent once the journey is over

        var selfie = await Processes.GetSelfieAsync(created.Id!);
        Assert.Equal("image/jpeg", selfie.ContentType);
        FileAssert.IsJpeg(selfie.Content.Span);

        var evidence = await Processes.GetEvidenceSetAsync(created.Id!);
        Assert.Equal("application/pdf", evidence.ContentType); // the API says "x-pdf"
        FileAssert.IsCompletePdf(evidence.Content.Span);
        return finished;
    }

    public sealed class Fixture : EmulatorFixture
    {
        public IdCloudApp App { get; private set; } = null!;

        // The 404 form with a code 5 body (AnUnknownProcessIsATypedNotFound reads it); the bare form is proven in Fidelity/.
        protected override IdCloudEmulatorOptions? EmulatorOptions => new() { NotFoundResponse = EmulatedNotFoundResponse.WithBody };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            App = IdCloudApp.Start(Account);
        }

        public override async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
