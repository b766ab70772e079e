using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.ByClient;

/// <summary>
/// The by Client API end to end over real sockets: the SDK wired by <c>AddIdCloud</c> against the emulator. Onboarding,
/// 1:1 and document reuse with typed calls; the vendor's canonical outcomes through <see cref="ByClientProcess.Interpret"/>;
/// every documented error code as a typed error that says what to do; the 403 token refresh.
/// </summary>
public sealed class ByClientJourneyTests : IClassFixture<ByClientFixture>
{
    private const string Cpf = "73689290074";
    private readonly ByClientFixture _fixture;
    private readonly IdCloudEmulator _emulator;

    public ByClientJourneyTests(ByClientFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator;
        _emulator.Reset();
    }

    private ByClientEmulator ByClient => _emulator.ByClient;

    [Fact]
    public async Task Onboarding_then_1_to_1_then_document_capture_and_reuse_with_typed_calls()
    {
        var onboarding = _fixture.Onboarding;
        var identity = await onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(Subject("ref-onboarding"), ByClient.CreateCapture()));

        Assert.Equal(ByClientProcessStatus.Finished, identity.Status);
        Assert.Equal(ByClientVerdict.Yes, identity.UnicoId);
        Assert.Null(identity.Liveness);
        Assert.Null(identity.IdentityFraudsters); // asynchronous: only a later GET carries it
        Assert.Equal(87, identity.Serpro);
        Assert.Equal("ref-onboarding", identity.ClientReference);
        Assert.Equal(IdCloudProcessOutcome.Approved, identity.Interpret().Outcome);

        var later = await onboarding.GetProcessAsync(identity.Id);
        Assert.Equal(ByClientVerdict.Inconclusive, later.IdentityFraudsters);
        var details = await onboarding.GetProcessDetailsAsync(identity.Id);
        Assert.Equal("ref-onboarding", details.AdditionalInfo["clientReference"].GetString());

        var authentication = await _fixture.Transactional.CreateProcessAsync(
            ByClientProcessRequest.ForAuthentication(ByClientReference.Process(identity.Id), ByClient.CreateCapture()));
        Assert.Equal(IdCloudProcessOutcome.Approved, authentication.Interpret().Outcome);

        var capture = await onboarding.CreateProcessAsync(ByClientProcessRequest.ForDocument(
            new ByClientSubject { Code = Cpf, DuiType = "DUI_TYPE_BR_CPF" },
            new ByClientDocumentRequest { Purpose = "creditprocess", AuthProcessId = identity.Id, Files = ["ZG9jdW1lbnQ="] }));
        Assert.Equal(IdCloudProcessOutcome.Pending, capture.Interpret().Outcome);
        var captured = await onboarding.GetProcessAsync(capture.Id);
        Assert.Equal(IdCloudProcessOutcome.Approved, captured.Interpret().Outcome);
        Assert.Equal([IdCloudOutcomeReason.DocumentCaptured], captured.Interpret().Reasons);

        var reusable = Assert.Single(await onboarding.GetReusableDocumentsAsync(Cpf, ByClientDocumentType.Cnh));
        Assert.Equal(captured.Document!.Id, reusable.DocumentId);
        var reuse = await onboarding.CreateProcessAsync(ByClientProcessRequest.ForDocument(
            new ByClientSubject { Code = Cpf },
            new ByClientDocumentRequest { AuthProcessId = identity.Id, DocumentId = reusable.DocumentId }));
        Assert.Equal(reusable.DocumentId, (await onboarding.GetProcessAsync(reuse.Id)).Document!.Id);
        Assert.Empty(await onboarding.GetReusableDocumentsAsync(Cpf, ByClientDocumentType.Passport));
        Assert.All(ByClient.Requests, r => Assert.True(r.HasApiKey));
    }

    public static TheoryData<string, IdCloudProcessOutcome, IdCloudOutcomeReason> CanonicalOutcomes => new()
    {
        // The four GetProcess bodies of the vendor's Postman collection, plus status 5 at HTTP 200.
        { "yes", IdCloudProcessOutcome.Approved, IdCloudOutcomeReason.IdentityConfirmed },
        { "inconclusive-score-28", IdCloudProcessOutcome.Approved, IdCloudOutcomeReason.PositiveRiskScore },
        { "divergence", IdCloudProcessOutcome.Inconclusive, IdCloudOutcomeReason.Divergence },
        { "inconclusive-not-live", IdCloudProcessOutcome.Denied, IdCloudOutcomeReason.LivenessFailed },
        { "status-5", IdCloudProcessOutcome.Error, IdCloudOutcomeReason.ProcessingError },
    };

    [Theory]
    [MemberData(nameof(CanonicalOutcomes))]
    public async Task Scripted_outcomes_are_interpreted_by_the_vendor_rule(string name, IdCloudProcessOutcome outcome, IdCloudOutcomeReason reason)
    {
        ByClient.ScriptNextOutcome(name switch
        {
            "yes" => EmulatedByClientOutcome.Yes,
            "inconclusive-score-28" => EmulatedByClientOutcome.InconclusiveWithScore(28),
            "divergence" => EmulatedByClientOutcome.Divergence,
            "inconclusive-not-live" => EmulatedByClientOutcome.NotLive,
            _ => EmulatedByClientOutcome.ProcessingError,
        });

        var process = await _fixture.Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(Subject("ref-" + name), ByClient.CreateCapture()));

        var interpretation = process.Interpret();
        Assert.Equal(outcome, interpretation.Outcome);
        Assert.Equal([reason], interpretation.Reasons);
        Assert.False(string.IsNullOrWhiteSpace(interpretation.Explanation));
    }

    public static TheoryData<int, string, ByClientErrorReason, IdCloudErrorKind, bool> ErrorCodes => new()
    {
        { 400, "20001", ByClientErrorReason.MissingAccessToken, IdCloudErrorKind.Unauthenticated, false },
        { 400, "20002", ByClientErrorReason.MissingApiKey, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20003", ByClientErrorReason.InvalidBody, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20004", ByClientErrorReason.MissingSubject, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20005", ByClientErrorReason.MissingCpf, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20006", ByClientErrorReason.MissingName, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20009", ByClientErrorReason.MissingImage, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20019", ByClientErrorReason.InvalidBirthDate, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20047", ByClientErrorReason.AgeOutOfLimits, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20048", ByClientErrorReason.AgeOutOfLimits, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20505", ByClientErrorReason.InvalidImageFormat, IdCloudErrorKind.InvalidArgument, true },
        { 400, "20506", ByClientErrorReason.ImageTooLarge, IdCloudErrorKind.InvalidArgument, true },
        { 400, "20507", ByClientErrorReason.InvalidCpf, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20508", ByClientErrorReason.InvalidGender, IdCloudErrorKind.InvalidArgument, false },
        { 400, "20807", ByClientErrorReason.ImageResolutionTooLow, IdCloudErrorKind.InvalidArgument, true },
        { 400, "20900", ByClientErrorReason.InvalidBase64, IdCloudErrorKind.InvalidArgument, true },
        { 400, "10506", ByClientErrorReason.CaptureNotTrusted, IdCloudErrorKind.InvalidArgument, true },
        { 400, "10507", ByClientErrorReason.CaptureExpired, IdCloudErrorKind.InvalidArgument, true },
        { 400, "10508", ByClientErrorReason.CaptureReused, IdCloudErrorKind.InvalidArgument, true },
        { 403, "30017", ByClientErrorReason.NoPermission, IdCloudErrorKind.PermissionDenied, false },
        { 403, "10201", ByClientErrorReason.InvalidApiKey, IdCloudErrorKind.PermissionDenied, false },
        { 403, "10501", ByClientErrorReason.InvalidAccessToken, IdCloudErrorKind.Unauthenticated, false },
        { 403, "10502", ByClientErrorReason.ExpiredAccessToken, IdCloudErrorKind.Unauthenticated, false },
        { 500, "510", ByClientErrorReason.ServerError, IdCloudErrorKind.ServerError, false },
        { 500, "10700", ByClientErrorReason.ServerError, IdCloudErrorKind.ServerError, false },
        { 500, "20502", ByClientErrorReason.ServerError, IdCloudErrorKind.ServerError, false },
        { 500, "20503", ByClientErrorReason.ServerError, IdCloudErrorKind.ServerError, false },
    };

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task Every_documented_code_is_a_typed_error_that_says_what_to_do(int status, string code, ByClientErrorReason reason, IdCloudErrorKind kind, bool redoCapture)
    {
        ByClient.ScriptNextOutcome(EmulatedByClientOutcome.Error(status, code));
        ByClient.ScriptNextOutcome(EmulatedByClientOutcome.Error(status, code)); // the resend after a 10501/10502 refresh

        var failure = await Assert.ThrowsAsync<IdCloudByClientException>(
            () => _fixture.Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(Subject("ref-" + code), ByClient.CreateCapture())));

        Assert.Equal(reason, failure.Reason);
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.ErrorCode);
        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
        Assert.Equal(redoCapture, failure.MustRedoCapture);
        Assert.Contains("code " + code, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Cpf, failure.Message, StringComparison.Ordinal);
        if (redoCapture)
        {
            Assert.Contains("Redo the capture", failure.Message, StringComparison.Ordinal);
        }

        // A 5xx to CreateProcess may have created a process: not retried, and the caller gets its clientReference.
        Assert.Equal(status >= 500, failure.RequestMayHaveBeenProcessed);
        Assert.Equal(status >= 500 ? "ref-" + code : null, failure.ClientReference);
        var expectedRequests = code is "10501" or "10502" ? 2 : 1;
        Assert.Equal(expectedRequests, ByClient.Requests.Count);
    }

    [Fact]
    public async Task A_capture_sent_twice_is_refused_with_10508_redo_the_capture()
    {
        var capture = ByClient.CreateCapture();
        await _fixture.Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(Subject("ref-once"), capture));

        var failure = await Assert.ThrowsAsync<IdCloudByClientException>(
            () => _fixture.Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(Subject("ref-twice"), capture)));

        Assert.Equal(ByClientErrorReason.CaptureReused, failure.Reason);
        Assert.True(failure.MustRedoCapture);
        Assert.Equal(1, ByClient.ProcessCreationCount);
    }

    [Fact]
    public async Task A_403_10501_for_a_revoked_token_refreshes_the_token_once_and_resends()
    {
        await _fixture.Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(Subject("ref-warm"), ByClient.CreateCapture()));
        _emulator.ResetRequestLog();
        ByClient.Reset();
        _emulator.RevokeAccessTokens();

        var process = await _fixture.Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(Subject("ref-refresh"), ByClient.CreateCapture()));

        Assert.Equal(IdCloudProcessOutcome.Approved, process.Interpret().Outcome);
        // One new token was issued (an assertion built in the same second as the previous one may be refused as a
        // replay first, which the token provider handles by itself).
        Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.Token && r.StatusCode == 200);
        Assert.Equal([403, 200], ByClient.Requests.Select(r => r.StatusCode!.Value));
        Assert.Equal("10501", ByClient.Requests[0].ErrorCode);
        Assert.Equal(1, ByClient.ProcessCreationCount);
    }

    [Fact]
    public async Task VerifyData_reads_the_persons_data_typed_and_every_section_by_name()
    {
        ByClient.ScriptOutcome("52998224725", new EmulatedByClientOutcome
        {
            Lists = """{"basicData":{"name":"ANA SOUZA","birthDate":"2025-10-35T00:00:00Z","fatherName":"","nickname":"ANINHA"},"pep":{"isPep":true,"role":"VEREADORA"}}""",
        });

        var canned = await _fixture.Onboarding.VerifyDataAsync(Cpf);
        var scripted = await _fixture.Transactional.VerifyDataAsync("52998224725");

        Assert.True(Guid.TryParse(canned.Id, out _));
        Assert.Equal(ByClientProcessStatus.Finished, canned.Status);
        Assert.NotNull(canned.BasicData!.Name);
        Assert.NotNull(canned.BasicData.BirthDate!.Value.Date);
        Assert.Equal("BRASILEIRA", canned.BasicData.BirthCountry);
        Assert.Equal("BRASIL", canned.BasicData.AddressCountry);
        Assert.Null(canned.BasicData.FatherName);
        Assert.Equal(["basicData"], canned.Sections.Keys);
        Assert.Equal(canned.BasicData.Name, canned.Sections["basicData"].GetProperty("name").GetString());

        Assert.Equal("ANA SOUZA", scripted.BasicData!.Name);
        Assert.Null(scripted.BasicData.BirthDate!.Value.Value); // an impossible date is kept as text, never thrown
        Assert.Equal("2025-10-35T00:00:00Z", scripted.BasicData.BirthDate.Value.Raw);
        Assert.Null(scripted.BasicData.FatherName);
        Assert.Equal("VEREADORA", scripted.Sections["pep"].GetProperty("role").GetString());
        Assert.Equal("ANINHA", scripted.Sections["basicData"].GetProperty("nickname").GetString());

        Assert.Equal(
            [("POST", "/lists/" + Cpf, 200), ("POST", "/lists/52998224725", 200)],
            ByClient.Requests.Select(r => (r.Method, r.Path, r.StatusCode!.Value)));
        Assert.All(ByClient.Requests, r => Assert.True(r.HasApiKey));
    }

    [Fact]
    public async Task VerifyData_errors_are_typed_and_an_invalid_CPF_is_never_sent()
    {
        ByClient.ScriptOutcome("52998224725", EmulatedByClientOutcome.Error(500, "510"));

        var invalid = await Assert.ThrowsAsync<IdCloudValidationException>(() => _fixture.Onboarding.VerifyDataAsync("73689290075"));
        var failed = await Assert.ThrowsAsync<IdCloudByClientException>(() => _fixture.Onboarding.VerifyDataAsync("52998224725"));

        Assert.Equal("cpf", Assert.Single(invalid.Errors).Field);
        Assert.Equal(ByClientErrorReason.ServerError, failed.Reason);
        Assert.True(failed.RequestMayHaveBeenProcessed);
        Assert.Equal("/lists/***.***.***-25", failed.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("52998224725", failed.ToString(), StringComparison.Ordinal);
        Assert.Equal([500], ByClient.Requests.Select(r => r.StatusCode!.Value)); // nothing for the invalid CPF, no retry
    }

    [Fact]
    public async Task VerifyData_403_10501_refreshes_the_token_once_and_resends()
    {
        await _fixture.Onboarding.VerifyDataAsync(Cpf);
        _emulator.ResetRequestLog();
        ByClient.Reset();
        _emulator.RevokeAccessTokens();

        var data = await _fixture.Onboarding.VerifyDataAsync(Cpf);

        Assert.Equal(ByClientProcessStatus.Finished, data.Status);
        Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.Token && r.StatusCode == 200);
        Assert.Equal([403, 200], ByClient.Requests.Select(r => r.StatusCode!.Value));
        Assert.Equal("10501", ByClient.Requests[0].ErrorCode);
    }

    [Fact]
    public async Task An_invalid_API_key_is_10201_without_a_token_refresh()
    {
        await using var app = IdCloudApp.Start(_fixture.Account, options =>
        {
            options.ByClient.BaseAddress = ByClient.BaseAddress;
            options.ByClient.ApiKeys["only"] = "emu_not-a-key";
        });

        var failure = await Assert.ThrowsAsync<IdCloudByClientException>(
            () => app.Services.GetRequiredService<IIdCloudByClient>().GetReusableDocumentsAsync(Cpf, ByClientDocumentType.Rg));

        Assert.Equal(ByClientErrorReason.InvalidApiKey, failure.Reason);
        Assert.Contains("IdCloud:ByClient:ApiKeys", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("emu_not-a-key", failure.ToString(), StringComparison.Ordinal);
        Assert.Single(ByClient.Requests);
    }

    [Fact]
    public async Task Invalid_requests_are_rejected_before_sending_with_every_problem()
    {
        var subject = new ByClientSubject { Code = "73689290075", Name = "Fulano  de Tal", Gender = "X", BirthDate = "31/01/1990", Phone = "11999999999" };

        var failure = await Assert.ThrowsAsync<IdCloudValidationException>(
            () => _fixture.Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(subject, "not base64!")));

        Assert.Equal(["subject.code", "subject.name", "subject.gender", "subject.birthDate", "subject.phone", "imageBase64"], failure.Errors.Select(e => e.Field));
        Assert.DoesNotContain("73689290075", failure.Message, StringComparison.Ordinal);
        Assert.Empty(ByClient.Requests);
    }

    [Fact]
    public async Task Named_keys_select_the_key_and_an_unknown_name_is_a_configuration_error()
    {
        var factory = _fixture.App.Services.GetRequiredService<IIdCloudClientFactory>();

        var failure = IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => factory.GetByClient("kyc"));
        Assert.Equal("IdCloud:ByClient:ApiKeys:kyc", failure.SettingName);
        Assert.Contains("onboarding, transactional", failure.Message, StringComparison.Ordinal);
        IdCloudAssert.Throws<IdCloudException>(IdCloudErrorKind.Configuration, () => _fixture.App.Services.GetRequiredService<IIdCloudByClient>());

        // The transactional key has no document capability: the emulator tells the keys apart.
        var denied = await Assert.ThrowsAsync<IdCloudByClientException>(() => _fixture.Transactional.GetReusableDocumentsAsync(Cpf, ByClientDocumentType.Rg));
        Assert.Equal(ByClientErrorReason.NoPermission, denied.Reason);
        Assert.DoesNotContain(_fixture.TransactionalKey.Value, factory.GetByClient("transactional").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PascalCase_answers_are_read()
    {
        ByClient.PascalCaseResponses = true;
        ByClient.ScriptNextOutcome(EmulatedByClientOutcome.InconclusiveWithScore(-40));

        var process = await _fixture.Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(Subject("ref-pascal"), ByClient.CreateCapture()));

        Assert.Equal(ByClientProcessStatus.Finished, process.Status);
        Assert.Equal(ByClientVerdict.Inconclusive, process.UnicoId);
        Assert.Equal(-40, process.Score);
        Assert.Equal(IdCloudProcessOutcome.Denied, process.Interpret().Outcome);
    }

    internal static ByClientSubject Subject(string clientReference) => new()
    {
        Code = Cpf,
        Name = "Fulano de Tal",
        Gender = "M",
        BirthDate = "1990-01-31",
        Email = "fulano@example.com",
        Phone = "+5511999999999",
        ClientReference = clientReference,
    };
}
