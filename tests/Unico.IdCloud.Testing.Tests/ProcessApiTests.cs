using System.Globalization;
using System.Net;
using System.Text.Json;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

public sealed class ProcessApiTests(EmulatorFixture fixture) : ProcessApiTests<EmulatorFixture>(fixture);

/// <summary>The same tests against the in-memory emulator (no sockets): the behaviour must not differ.</summary>
public sealed class InMemoryProcessApiTests(InMemoryFixture fixture) : ProcessApiTests<InMemoryFixture>(fixture);

/// <summary>The tests, for either mode.</summary>
/// <typeparam name="TFixture">Starts the emulator over sockets or in memory.</typeparam>
public abstract class ProcessApiTests<TFixture>(TFixture fixture) : EmulatorTest<TFixture>(fixture)
    where TFixture : EmulatorFixture
{
    [Fact]
    public async Task Create_answers_a_created_process_shaped_like_the_vendor_example()
    {
        var token = await TokenAsync();
        var now = Clock.GetUtcNow();

        var process = await CreateProcessAsync(token, EmulatorHttp.CreateBody("idunicosign", extra: """, "clientReference": "order-42", "expiresIn": "3600s" """));

        var id = process.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParseExact(id, "D", out _));
        Assert.Equal("idunicosign", process.GetProperty("flow").GetString());
        Assert.Equal("PROCESS_STATE_CREATED", process.GetProperty("state").GetString());
        Assert.False(process.TryGetProperty("result", out _)); // zero-valued enum omitted, as protobuf JSON does
        Assert.Equal(Emulator.ProcessApiBaseAddress.OriginalString + "/process/" + id, process.GetProperty("userRedirectUrl").GetString());
        Assert.False(string.IsNullOrEmpty(process.GetProperty("token").GetString()));
        Assert.Equal("order-42", process.GetProperty("clientReference").GetString());
        Assert.Equal("creditprocess", process.GetProperty("purpose").GetString());
        Assert.Equal("73689290074", process.GetProperty("person").GetProperty("duiValue").GetString());
        Assert.Equal(JsonValueKind.Object, process.GetProperty("authenticationInfo").ValueKind);
        Assert.Empty(process.GetProperty("authenticationInfo").EnumerateObject());
        Assert.Equal(
            ["PROCESS_CAPACITY_IDUNICO", "PROCESS_CAPACITY_IDSIGN", "PROCESS_CAPACITY_IDLIVE"],
            process.GetProperty("capacities").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Equal("BRA", process.GetProperty("companyData").GetProperty("countryCode").GetString());
        Assert.Equal(now, DateTimeOffset.Parse(process.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(now.AddHours(1), DateTimeOffset.Parse(process.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(1, Emulator.ProcessCreationCount);
        Assert.Equal(id, Assert.Single(Emulator.ProcessIds, p => p == id));
    }

    [Fact]
    public async Task Without_expiresIn_a_process_expires_in_seven_days()
    {
        var token = await TokenAsync();

        var process = await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"));

        var created = DateTimeOffset.Parse(process.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse(process.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromDays(7), expires - created);
    }

    [Fact]
    public async Task The_vendor_samples_trailing_slash_on_create_is_accepted()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process/", token, EmulatorHttp.CreateBody("idlive")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var token = await TokenAsync();

        var process = await CreateProcessAsync(token, EmulatorHttp.CreateBody("idlive", extra: """, "somethingNew": {"nested": [1, 2]}, "flow_config": {"biometry_capture": {"enabled_back_camera": true}} """));

        Assert.Equal("idlive", process.GetProperty("flow").GetString());
    }

    [Fact]
    public async Task Get_returns_the_created_process_until_it_is_finished()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;

        var process = await GetProcessAsync(token, id);

        Assert.Equal(id, process.GetProperty("id").GetString());
        Assert.Equal("PROCESS_STATE_CREATED", process.GetProperty("state").GetString());
        Assert.False(process.TryGetProperty("finishedAt", out _));
    }

    [Fact]
    public async Task Finishing_approved_gives_the_documented_verdicts()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        Clock.Advance(TimeSpan.FromMinutes(3));

        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);
        var process = await GetProcessAsync(token, id);

        Assert.Equal("PROCESS_STATE_FINISHED", process.GetProperty("state").GetString());
        Assert.Equal("PROCESS_RESULT_OK", process.GetProperty("result").GetString());
        Assert.Equal(Clock.GetUtcNow(), DateTimeOffset.Parse(process.GetProperty("finishedAt").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(string.Empty, process.GetProperty("token").GetString()); // the journey token is gone once finished
        var info = process.GetProperty("authenticationInfo");
        Assert.Equal("AUTHENTICATION_RESULT_POSITIVE", info.GetProperty("authenticationResult").GetString());
        Assert.Equal("LIVENESS_RESULT_LIVE", info.GetProperty("livenessResult").GetString());
        Assert.Equal("TRUST_RESULT_UNSPECIFIED", info.GetProperty("identityFraudstersResult").GetString());
        Assert.True(Guid.TryParse(info.GetProperty("authenticationId").GetString(), out _));
        Assert.False(process.TryGetProperty("services", out _)); // "id" has neither documents nor signature
    }

    // The vendor's response scenarios (devcenter "Response Scenarios", flow id): "Process completed and refused in
    // IDUnico" and "Process completed and failed the Liveness" are PROCESS_STATE_FINISHED + PROCESS_RESULT_INVALID_IDENTITY;
    // its decision table: "FINISHED / INVALID_IDENTITY / LIVE / NEGATIVE → Reprove", "FINISHED / INVALID_IDENTITY /
    // NOT_LIVE → Reprove". Approved and inconclusive are PROCESS_RESULT_OK.
    [Theory]
    [InlineData(EmulatedOutcome.Approved, "PROCESS_RESULT_OK", "AUTHENTICATION_RESULT_POSITIVE", "LIVENESS_RESULT_LIVE", "TRUST_RESULT_INCONCLUSIVE")]
    [InlineData(EmulatedOutcome.IdentityNegative, "PROCESS_RESULT_INVALID_IDENTITY", "AUTHENTICATION_RESULT_NEGATIVE", "LIVENESS_RESULT_LIVE", "TRUST_RESULT_INCONCLUSIVE")]
    [InlineData(EmulatedOutcome.Inconclusive, "PROCESS_RESULT_OK", "AUTHENTICATION_RESULT_INCONCLUSIVE", "LIVENESS_RESULT_LIVE", "TRUST_RESULT_INCONCLUSIVE")]
    [InlineData(EmulatedOutcome.LivenessFailed, "PROCESS_RESULT_INVALID_IDENTITY", "AUTHENTICATION_RESULT_UNSPECIFIED", "LIVENESS_RESULT_NOT_LIVE", "TRUST_RESULT_UNSPECIFIED")]
    [InlineData(EmulatedOutcome.BehaviourAlert, "PROCESS_RESULT_OK", "AUTHENTICATION_RESULT_POSITIVE", "LIVENESS_RESULT_LIVE", "TRUST_RESULT_YES")]
    public async Task Each_outcome_maps_to_its_documented_verdicts(EmulatedOutcome outcome, string result, string authentication, string liveness, string trust)
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idtrust"))).GetProperty("id").GetString()!;

        await Emulator.FinishProcessAsync(id, outcome);
        var process = await GetProcessAsync(token, id);

        Assert.Equal("PROCESS_STATE_FINISHED", process.GetProperty("state").GetString());
        Assert.Equal(result, process.GetProperty("result").GetString());
        var info = process.GetProperty("authenticationInfo");
        Assert.Equal(authentication, info.GetProperty("authenticationResult").GetString());
        Assert.Equal(liveness, info.GetProperty("livenessResult").GetString());
        Assert.Equal(trust, info.GetProperty("identityFraudstersResult").GetString());
    }

    [Theory]
    [InlineData(EmulatedOutcome.Expired, "PROCESS_RESULT_EXPIRED")]
    [InlineData(EmulatedOutcome.ProcessingError, "PROCESS_RESULT_ERROR")]
    public async Task Expired_and_failed_processes_have_no_verdict(EmulatedOutcome outcome, string result)
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("iddocs"))).GetProperty("id").GetString()!;

        await Emulator.FinishProcessAsync(id, outcome);
        var process = await GetProcessAsync(token, id);

        Assert.Equal("PROCESS_STATE_FINISHED", process.GetProperty("state").GetString());
        Assert.Equal(result, process.GetProperty("result").GetString());
        Assert.Empty(process.GetProperty("authenticationInfo").EnumerateObject());
        Assert.False(process.TryGetProperty("services", out _));
    }

    [Fact]
    public async Task A_flow_with_documents_returns_the_captured_cnh()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idunicodocs"))).GetProperty("id").GetString()!;

        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);
        var process = await GetProcessAsync(token, id);

        var document = Assert.Single(Assert.Single(process.GetProperty("services").EnumerateArray()).GetProperty("documents").EnumerateArray());
        var doc = document.GetProperty("doc");
        Assert.Equal("CNH", doc.GetProperty("code").GetString());
        Assert.Equal(2, doc.GetProperty("version").GetInt32());
        var data = doc.GetProperty("data");
        Assert.Equal(73689290074, data.GetProperty("cpfNumero").GetInt64()); // a JSON number, as in the vendor's live example
        Assert.Equal("Luke Skywalker", data.GetProperty("nomeCivil").GetString());
        Assert.Equal("B", data.GetProperty("categoria").GetString());
        Assert.Equal(2, data.GetProperty("filiacao").GetArrayLength());
        Assert.True(document.GetProperty("face_match").GetBoolean());
        Assert.True(Guid.TryParse(document.GetProperty("doc_id").GetString(), out _));
    }

    [Fact]
    public async Task An_e_signature_flow_returns_an_envelope_and_one_document_id_per_payload_document()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idunicodocssign"))).GetProperty("id").GetString()!;

        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);
        var process = await GetProcessAsync(token, id);

        var service = Assert.Single(process.GetProperty("services").EnumerateArray());
        Assert.True(Guid.TryParse(service.GetProperty("envelopeId").GetString(), out _));
        Assert.True(Guid.TryParse(Assert.Single(service.GetProperty("documentIds").EnumerateArray()).GetString(), out _));
        Assert.Single(service.GetProperty("documents").EnumerateArray());
    }

    [Fact]
    public async Task A_negative_identity_signs_nothing()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idunicosign"))).GetProperty("id").GetString()!;

        await Emulator.FinishProcessAsync(id, EmulatedOutcome.IdentityNegative);
        var process = await GetProcessAsync(token, id);

        Assert.False(process.TryGetProperty("services", out _));
    }

    [Fact]
    public async Task A_risk_score_flow_reports_its_score_and_a_serpro_flow_its_similarity()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idcheckserpro"))).GetProperty("id").GetString()!;

        await Emulator.FinishProcessAsync(id, EmulatedOutcome.IdentityNegative);
        var info = (await GetProcessAsync(token, id)).GetProperty("authenticationInfo");

        Assert.Equal("SCORE_ENABLED_TRUE", info.GetProperty("scoreEngineResult").GetProperty("scoreEnabled").GetString());
        Assert.True(info.GetProperty("scoreEngineResult").GetProperty("score").GetInt32() < 0);
        Assert.True(info.GetProperty("serproResult").GetProperty("score").GetInt32() >= 0);
    }

    [Theory]
    [InlineData("idlive")]
    [InlineData("id")]
    [InlineData("idunicosign")]
    public async Task A_finished_flow_without_risk_score_reports_the_score_engine_as_disabled(string flow)
    {
        // The vendor's response scenarios (devcenter "Response Scenarios", flow id, "Process completed and approved in
        // IDUnico") and its GetProcess example for idlive answer a finished process of a flow without the risk score with
        // "scoreEngineResult": {"scoreEnabled": "SCORE_ENABLED_FALSE", "score": 0}. SCORE_ENABLED_UNSPECIFIED is what
        // the same pages show only while the process is not finished.
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody(flow))).GetProperty("id").GetString()!;

        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);
        var score = (await GetProcessAsync(token, id)).GetProperty("authenticationInfo").GetProperty("scoreEngineResult");

        Assert.Equal("SCORE_ENABLED_FALSE", score.GetProperty("scoreEnabled").GetString());
        Assert.Equal(0, score.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task A_process_finishes_once()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Emulator.FinishProcessAsync(id, EmulatedOutcome.IdentityNegative));
        await Assert.ThrowsAsync<ArgumentException>(() => Emulator.FinishProcessAsync(Guid.NewGuid().ToString(), EmulatedOutcome.Approved));
    }

    [Fact]
    public async Task A_process_left_open_past_expiresAt_is_expired_by_the_emulator_clock()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id", extra: """, "expiresIn": "600s" """))).GetProperty("id").GetString()!;
        Clock.Advance(TimeSpan.FromMinutes(11));
        token = await TokenAsync();

        var process = await GetProcessAsync(token, id);

        Assert.Equal("PROCESS_STATE_FINISHED", process.GetProperty("state").GetString());
        Assert.Equal("PROCESS_RESULT_EXPIRED", process.GetProperty("result").GetString());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved));
    }

    [Fact]
    public async Task A_malformed_id_is_a_400_with_code_3()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/not-a-guid", token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("3", "process id is invalid"), await EmulatorHttp.ReadApiErrorAsync(response));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/selfie")]
    [InlineData("/evidenceset")]
    public async Task An_unknown_id_is_a_404_with_only_the_status(string suffix)
    {
        // Under each read endpoint's error table: "Não será fornecido nenhum código de erro detalhado para esta
        // situação, apenas o código de status HTTP." The code 5 body is the other documented form (FidelityFormTests).
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid() + suffix, token));

        await EmulatorHttp.AssertBareNotFoundAsync(response);
    }

    [Fact]
    public async Task Another_tenant_cannot_see_the_process()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        var stranger = Emulator.CreateServiceAccount("stranger", "other-company");
        var strangerToken = await EmulatorHttp.GetAccessTokenAsync(Http, Emulator, stranger, Clock.GetUtcNow());

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + id, strangerToken));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_user_redirect_url_opens_a_journey_stand_in_page()
    {
        var token = await TokenAsync();
        var url = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("userRedirectUrl").GetString()!;

        using var response = await Http.GetAsync(new Uri(url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
