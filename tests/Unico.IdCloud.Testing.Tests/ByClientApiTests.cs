using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// The emulated by Client API (<c>/processes/v1</c>) over real sockets: the vendor's 403-not-401 authentication codes,
/// the APIKEY per use case, the five-digit validation codes, capture payload rules, scripted verdicts (status 5 at HTTP
/// 200 included), capabilities that only a later GET carries, document capture and reuse, the Data Verification
/// (<c>POST /lists/{cpf}</c>), faults.
/// </summary>
public sealed class ByClientApiTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private const string Cpf = "73689290074";

    private ByClientEmulator ByClient => Emulator.ByClient;

    [Fact]
    public async Task Authentication_answers_the_documented_codes_403_not_401()
    {
        var key = ByClient.CreateApiKey();
        var body = OnboardingBody(ByClient.CreateCapture());

        Assert.Equal((400, "20001"), await ErrorOfAsync(Post("/processes/v1", null, key.Value, body)));
        Assert.Equal((403, "10501"), await ErrorOfAsync(Post("/processes/v1", "not-a-token", key.Value, body)));

        var token = await TokenAsync();
        Assert.Equal((400, "20002"), await ErrorOfAsync(Post("/processes/v1", token, null, body)));
        Assert.Equal((403, "10201"), await ErrorOfAsync(Post("/processes/v1", token, "emu_unknown", body)));
        ByClient.RevokeApiKey(key);
        Assert.Equal((403, "10201"), await ErrorOfAsync(Post("/processes/v1", token, key.Value, body)));

        var other = ByClient.CreateApiKey();
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal((403, "10502"), await ErrorOfAsync(Post("/processes/v1", token, other.Value, body)));
        Assert.Equal(0, ByClient.ProcessCreationCount);
        Assert.All(ByClient.Requests, r => Assert.Equal(ByClientRoute.CreateProcess, r.Route));
    }

    [Fact]
    public async Task Onboarding_with_a_fresh_capture_answers_the_verdict_synchronously()
    {
        var key = ByClient.CreateApiKey();
        var token = await TokenAsync();

        var process = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture())));

        Assert.True(Guid.TryParse(process.GetProperty("id").GetString(), out _));
        Assert.Equal(3, process.GetProperty("status").GetInt32());
        Assert.Equal("yes", process.GetProperty("unicoId").GetProperty("result").GetString());
        Assert.False(process.TryGetProperty("liveness", out _)); // omitted when yes, as the vendor does
        Assert.Equal(1, ByClient.ProcessCreationCount);
    }

    [Fact]
    public async Task A_capture_is_single_use_valid_ten_minutes_and_required_when_liveness_is_contracted()
    {
        var key = ByClient.CreateApiKey();
        var token = await TokenAsync();
        var capture = ByClient.CreateCapture();
        await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(capture)));

        Assert.Equal((400, "10508"), await ErrorOfAsync(Post("/processes/v1", token, key.Value, OnboardingBody(capture))));

        var late = ByClient.CreateCapture();
        Clock.Advance(TimeSpan.FromMinutes(10));
        token = await TokenAsync();
        Assert.Equal((400, "10507"), await ErrorOfAsync(Post("/processes/v1", token, key.Value, OnboardingBody(late))));
        Assert.Equal((400, "10506"), await ErrorOfAsync(Post("/processes/v1", token, key.Value, OnboardingBody(Jpeg(1000)))));
        Assert.Equal(1, ByClient.ProcessCreationCount);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "{not json", "20003" },
        { """{"imageBase64":"x"}""", "20004" },
        { """{"subject":{"name":"Fulano"},"imageBase64":"x"}""", "20005" },
        { """{"subject":{"code":"73689290074"},"imageBase64":"x"}""", "20006" },
        { """{"subject":{"code":"73689290075","name":"Fulano"},"imageBase64":"x"}""", "20507" },
        { """{"subject":{"code":"73689290074","name":"Fulano","gender":"X"},"imageBase64":"x"}""", "20508" },
        { """{"subject":{"code":"73689290074","name":"Fulano","birthDate":"31/01/1990"},"imageBase64":"x"}""", "20019" },
        { """{"subject":{"code":"73689290074","name":"Fulano"}}""", "20009" },
        { """{"subject":{"code":"73689290074","name":"Fulano"},"imageBase64":"***"}""", "20900" },
        { """{"subject":{"code":"73689290074","name":"Fulano"},"imageBase64":"R0lGODlhAQABAAAAACw="}""", "20505" },
        { """{"references":[{"referenceType":"REFERENCE_TYPE_SOMETHING","referenceContent":"x"}],"imageBase64":"x"}""", "20003" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_requests_answer_400_with_the_vendor_code_and_create_nothing(string body, string code)
    {
        var key = ByClient.CreateApiKey(new ByClientKeySettings { Liveness = false });

        Assert.Equal((400, code), await ErrorOfAsync(Post("/processes/v1", await TokenAsync(), key.Value, body)));
        Assert.Equal(0, ByClient.ProcessCreationCount);
    }

    [Fact]
    public async Task A_plain_image_over_800_KB_is_20506_and_one_under_is_accepted_without_liveness()
    {
        var key = ByClient.CreateApiKey(new ByClientKeySettings { Liveness = false });
        var token = await TokenAsync();

        Assert.Equal((400, "20506"), await ErrorOfAsync(Post("/processes/v1", token, key.Value, OnboardingBody(Jpeg((800 * 1024) + 1)))));
        var process = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(Jpeg(800 * 1024), gender: "F")));
        Assert.Equal(3, process.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Verdicts_are_scripted_per_CPF_and_per_call_and_status_5_comes_at_HTTP_200()
    {
        var key = ByClient.CreateApiKey(new ByClientKeySettings { RiskScore = true });
        var token = await TokenAsync();
        ByClient.ScriptOutcome(Cpf, EmulatedByClientOutcome.InconclusiveWithScore(28));
        ByClient.ScriptNextOutcome(EmulatedByClientOutcome.ProcessingError);
        ByClient.ScriptNextOutcome(EmulatedByClientOutcome.Error(500, "10700"));

        var failed = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture())));
        Assert.Equal(5, failed.GetProperty("status").GetInt32());
        Assert.Equal((500, "10700"), await ErrorOfAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture()))));
        var scored = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture())));

        Assert.Equal("inconclusive", scored.GetProperty("unicoId").GetProperty("result").GetString());
        Assert.Equal(1, scored.GetProperty("liveness").GetInt32());
        Assert.Equal(28, scored.GetProperty("score").GetInt32());
        Assert.Equal(2, ByClient.ProcessCreationCount);
    }

    /// <summary>The vendor's Postman divergence body: status 2 still carries unicoId inconclusive and liveness 1.</summary>
    [Fact]
    public async Task Divergence_answers_the_vendors_body()
    {
        var key = ByClient.CreateApiKey();
        var token = await TokenAsync();
        ByClient.ScriptNextOutcome(EmulatedByClientOutcome.Divergence);

        var process = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture())));

        Assert.Equal(2, process.GetProperty("status").GetInt32());
        Assert.Equal("inconclusive", process.GetProperty("unicoId").GetProperty("result").GetString());
        Assert.Equal(1, process.GetProperty("liveness").GetInt32());
    }

    [Fact]
    public async Task IdentityFraudsters_arrives_only_on_a_later_GET_and_v2_adds_processAdditionalInfo()
    {
        var key = ByClient.CreateApiKey(new ByClientKeySettings { IdentityFraudsters = true, Serpro = true });
        var token = await TokenAsync();

        var created = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture())));
        var id = created.GetProperty("id").GetString()!;
        Assert.False(created.TryGetProperty("identityFraudsters", out _));
        Assert.Equal(87, created.GetProperty("government").GetProperty("serpro").GetInt32());

        var later = await OkAsync(Get("/processes/v1/" + id, token, key.Value));
        Assert.Equal("inconclusive", later.GetProperty("identityFraudsters").GetProperty("result").GetString());
        Assert.False(later.TryGetProperty("processAdditionalInfo", out _));

        var details = await OkAsync(Get("/processes/v2/" + id, token, key.Value));
        Assert.Equal("cliente-123", details.GetProperty("processAdditionalInfo").GetProperty("clientReference").GetString());
    }

    [Fact]
    public async Task GetProcess_answers_400_for_a_malformed_id_and_404_for_an_unknown_or_foreign_one()
    {
        var key = ByClient.CreateApiKey();
        var token = await TokenAsync();

        Assert.Equal((400, "20003"), await ErrorOfAsync(Get("/processes/v1/not-a-uuid", token, key.Value)));
        using var response = await Http.SendAsync(Get("/processes/v1/" + Guid.NewGuid(), token, key.Value));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_1_to_1_references_a_previous_process_and_gets_its_CPF_script()
    {
        var key = ByClient.CreateApiKey(new ByClientKeySettings { UseCase = "Transactional" });
        var token = await TokenAsync();
        var onboarding = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture())));
        ByClient.ScriptOutcome(Cpf, EmulatedByClientOutcome.No);

        var body = $$"""{"references":[{"referenceType":"REFERENCE_TYPE_PROCESS_ID","referenceContent":"{{onboarding.GetProperty("id").GetString()}}"}],"imageBase64":"{{ByClient.CreateCapture()}}"}""";
        var authentication = await OkAsync(Post("/processes/v1", token, key.Value, body));

        Assert.Equal("no", authentication.GetProperty("unicoId").GetProperty("result").GetString());
        Assert.Equal(1, authentication.GetProperty("liveness").GetInt32());
    }

    [Fact]
    public async Task Without_liveness_contracted_identity_says_liveness_1_and_a_1_to_1_leaves_it_out()
    {
        // "Liveness + Identity Verification + Behavior Alert": "It is possible to use the Identity Verification capability
        // without Liveness. For this use case, the liveness value will always return as liveness = 1."
        // "Liveness + Validation (1:1) + Behavior Alert": "It is possible to use the Validation (1:1) capability without
        // liveness. In this use case, we will not return the liveness parameter in the API response."
        var key = ByClient.CreateApiKey(new ByClientKeySettings { UseCase = "Transactional", Liveness = false });
        var token = await TokenAsync();
        ByClient.ScriptOutcome(Cpf, EmulatedByClientOutcome.InconclusiveWithScore());
        var onboarding = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(Jpeg(10_000))));
        Assert.Equal(1, onboarding.GetProperty("liveness").GetInt32());

        var body = $$"""{"references":[{"referenceType":"REFERENCE_TYPE_PROCESS_ID","referenceContent":"{{onboarding.GetProperty("id").GetString()}}"}],"imageBase64":"{{Jpeg(10_000)}}"}""";
        var authentication = await OkAsync(Post("/processes/v1", token, key.Value, body));
        var read = await OkAsync(Get("/processes/v1/" + authentication.GetProperty("id").GetString(), token, key.Value));

        Assert.Equal("inconclusive", authentication.GetProperty("unicoId").GetProperty("result").GetString());
        Assert.False(authentication.TryGetProperty("liveness", out _));
        Assert.False(read.TryGetProperty("liveness", out _));
    }

    [Fact]
    public async Task Documents_need_the_capability_are_asynchronous_and_become_reusable()
    {
        var token = await TokenAsync();
        var plain = ByClient.CreateApiKey();
        Assert.Equal((403, "30017"), await ErrorOfAsync(Get("/documents/v1?code=" + Cpf + "&type=BR_CNH", token, plain.Value)));

        var key = ByClient.CreateApiKey(new ByClientKeySettings { Documents = true });
        var identity = await OkAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture())));
        var body = $$$"""{"subject":{"duiType":"DUI_TYPE_BR_CPF","code":"{{{Cpf}}}"},"document":{"purpose":"creditprocess","authProcessId":"{{{identity.GetProperty("id").GetString()}}}","files":[{"data":"{{{Jpeg(100)}}}"}]}}""";
        Assert.Equal((403, "30017"), await ErrorOfAsync(Post("/processes/v1", token, plain.Value, body)));

        var created = await OkAsync(Post("/processes/v1", token, key.Value, body));
        Assert.Equal(1, created.GetProperty("status").GetInt32());
        Assert.False(created.TryGetProperty("document", out _));
        var later = await OkAsync(Get("/processes/v1/" + created.GetProperty("id").GetString(), token, key.Value));
        Assert.Equal(3, later.GetProperty("status").GetInt32());
        var documentId = later.GetProperty("document").GetProperty("id").GetString();

        var reusable = await OkAsync(Get("/documents/v1?code=" + Cpf + "&type=BR_CNH", token, key.Value));
        var item = Assert.Single(reusable.GetProperty("items").EnumerateArray());
        Assert.Equal(documentId, item.GetProperty("documentId").GetString());
        var none = await OkAsync(Get("/documents/v1?code=" + Cpf + "&type=BR_RG", token, key.Value));
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        Assert.Equal((400, "20507"), await ErrorOfAsync(Get("/documents/v1?code=12345678900&type=BR_RG", token, key.Value)));
    }

    [Fact]
    public async Task PascalCase_responses_can_be_switched_on()
    {
        var key = ByClient.CreateApiKey();
        ByClient.PascalCaseResponses = true;

        var process = await OkAsync(Post("/processes/v1", await TokenAsync(), key.Value, OnboardingBody(ByClient.CreateCapture())));

        Assert.Equal(3, process.GetProperty("Status").GetInt32());
        Assert.True(process.TryGetProperty("Id", out _));
    }

    [Fact]
    public async Task A_fault_after_processing_still_creates_the_process_and_an_abort_before_does_not()
    {
        var key = ByClient.CreateApiKey();
        var token = await TokenAsync();
        ByClient.InjectFault(ByClientRoute.CreateProcess, EmulatedFault.Abort());
        ByClient.InjectFault(ByClientRoute.CreateProcess, EmulatedFault.StatusAfterProcessing(500));

        await Assert.ThrowsAsync<HttpRequestException>(() => Http.SendAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture()))));
        Assert.Equal(0, ByClient.ProcessCreationCount);
        using var response = await Http.SendAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture())));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, ByClient.ProcessCreationCount);
        Assert.Equal([EmulatedFaultKind.Abort, EmulatedFaultKind.StatusAfterProcessing], ByClient.Requests.Select(r => r.Fault!.Value));
        Assert.All(ByClient.Requests, r => Assert.True(r.HasApiKey));
    }

    [Fact]
    public async Task VerifyData_checks_token_and_APIKEY_like_every_by_Client_call()
    {
        var key = ByClient.CreateApiKey();
        var path = "/lists/" + Cpf;

        Assert.Equal((400, "20001"), await ErrorOfAsync(PostEmpty(path, null, key.Value)));
        Assert.Equal((403, "10501"), await ErrorOfAsync(PostEmpty(path, "not-a-token", key.Value)));
        var token = await TokenAsync();
        Assert.Equal((400, "20002"), await ErrorOfAsync(PostEmpty(path, token, null)));
        Assert.Equal((403, "10201"), await ErrorOfAsync(PostEmpty(path, token, "emu_unknown")));
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal((403, "10502"), await ErrorOfAsync(PostEmpty(path, token, key.Value)));
        Assert.All(ByClient.Requests, r => Assert.Equal(ByClientRoute.VerifyData, r.Route));

        using var get = await Http.SendAsync(Get(path, await TokenAsync(), key.Value));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("POST", get.Content.Headers.Allow.Single());
    }

    [Theory]
    [InlineData("73689290075")]
    [InlineData("11111111111")]
    [InlineData("736.892.900-74")]
    [InlineData("123")]
    public async Task VerifyData_answers_20507_for_an_invalid_CPF(string cpf)
    {
        var key = ByClient.CreateApiKey();

        Assert.Equal((400, "20507"), await ErrorOfAsync(PostEmpty("/lists/" + Uri.EscapeDataString(cpf), await TokenAsync(), key.Value)));
    }

    [Fact]
    public async Task VerifyData_answers_a_canned_basicData_in_the_vendors_shape_derived_from_the_CPF()
    {
        var key = ByClient.CreateApiKey();
        var token = await TokenAsync();

        var first = await OkAsync(PostEmpty("/lists/" + Cpf, token, key.Value));
        var again = await OkAsync(PostEmpty("/lists/" + Cpf, token, key.Value));
        var other = await OkAsync(PostEmpty("/lists/52998224725", token, key.Value));

        Assert.True(Guid.TryParse(first.GetProperty("id").GetString(), out _));
        Assert.NotEqual(first.GetProperty("id").GetString(), again.GetProperty("id").GetString()); // a request id per call
        Assert.Equal(3, first.GetProperty("status").GetInt32());
        var basic = first.GetProperty("lists").GetProperty("basicData");
        Assert.Equal(again.GetProperty("lists").GetRawText(), first.GetProperty("lists").GetRawText());
        Assert.NotEqual(other.GetProperty("lists").GetProperty("basicData").GetProperty("name").GetString(), basic.GetProperty("name").GetString());

        // Every member of the vendor's example, every one a string, nothing else.
        string[] members = ["name", "birthCountry", "birthDate", "gender", "motherName", "fatherName", "maritalStatus", "rgNumber", "rgIssuingAgency", "rgStateCode", "financialData", "address", "email", "phone"];
        Assert.Equal(members, basic.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["incomeEstimate", "totalAssets"], basic.GetProperty("financialData").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["addressMain", "number", "complement", "neighborhood", "zipCode", "city", "state", "country", "type"], basic.GetProperty("address").EnumerateObject().Select(p => p.Name));
        Assert.All(
            basic.EnumerateObject().Concat(basic.GetProperty("financialData").EnumerateObject()).Concat(basic.GetProperty("address").EnumerateObject())
                .Where(p => p.Value.ValueKind != JsonValueKind.Object),
            p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));

        // Plausible values: an ISO 8601 birth date of an adult, a gender that matches, an 8-digit CEP, an E.164 phone.
        var birth = DateTimeOffset.Parse(basic.GetProperty("birthDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(birth.Year, 1950, 2004);
        Assert.Contains(basic.GetProperty("gender").GetString(), new[] { "M", "F" });
        Assert.Matches("^[0-9]{8}$", basic.GetProperty("address").GetProperty("zipCode").GetString());
        Assert.Matches(@"^\+55[0-9]{11}$", basic.GetProperty("phone").GetString());
        Assert.Equal("", basic.GetProperty("fatherName").GetString());
    }

    [Fact]
    public async Task VerifyData_follows_the_CPFs_script_status_error_or_lists()
    {
        var key = ByClient.CreateApiKey();
        var token = await TokenAsync();
        ByClient.ScriptOutcome(Cpf, new EmulatedByClientOutcome { Lists = """{"basicData":{"name":"FULANO"},"pep":{"isPep":true}}""" });
        ByClient.ScriptOutcome("52998224725", EmulatedByClientOutcome.Error(500, "510"));
        ByClient.ScriptOutcome("11144477735", EmulatedByClientOutcome.ProcessingError);
        ByClient.ScriptNextOutcome(EmulatedByClientOutcome.Error(400, "20807")); // a per-call script is CreateProcess's

        var scripted = await OkAsync(PostEmpty("/lists/" + Cpf, token, key.Value));
        Assert.Equal("FULANO", scripted.GetProperty("lists").GetProperty("basicData").GetProperty("name").GetString());
        Assert.True(scripted.GetProperty("lists").GetProperty("pep").GetProperty("isPep").GetBoolean());
        Assert.Equal((500, "510"), await ErrorOfAsync(PostEmpty("/lists/52998224725", token, key.Value)));
        var failed = await OkAsync(PostEmpty("/lists/11144477735", token, key.Value));
        Assert.Equal(5, failed.GetProperty("status").GetInt32());
        Assert.False(failed.TryGetProperty("lists", out _));
        Assert.Equal((400, "20807"), await ErrorOfAsync(Post("/processes/v1", token, key.Value, OnboardingBody(ByClient.CreateCapture()))));
        Assert.Throws<ArgumentException>(() => ByClient.ScriptOutcome(Cpf, new EmulatedByClientOutcome { Lists = "[1]" }));
        Assert.Equal(0, ByClient.ProcessCreationCount);
    }

    [Fact]
    public async Task VerifyData_faults_are_injected_on_its_own_route()
    {
        var key = ByClient.CreateApiKey();
        var token = await TokenAsync();
        ByClient.InjectFault(ByClientRoute.VerifyData, EmulatedFault.GatewayError());

        using var gateway = await Http.SendAsync(PostEmpty("/lists/" + Cpf, token, key.Value));
        var ok = await OkAsync(PostEmpty("/lists/" + Cpf, token, key.Value));

        Assert.Equal(HttpStatusCode.BadGateway, gateway.StatusCode);
        Assert.Equal(3, ok.GetProperty("status").GetInt32());
        Assert.Equal([EmulatedFaultKind.GatewayError, null], ByClient.Requests.Select(r => r.Fault));
    }

    internal static string OnboardingBody(string image, string gender = "M") =>
        $$"""{"subject":{"code":"{{Cpf}}","name":"Fulano de Tal","gender":"{{gender}}","birthDate":"1990-01-31","email":"fulano@example.com","phone":"+5511999999999","clientReference":"cliente-123"},"imageBase64":"{{image}}"}""";

    /// <summary>Base64 of <paramref name="size"/> bytes starting with the JPEG magic number.</summary>
    private static string Jpeg(int size)
    {
        var bytes = new byte[size];
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return Convert.ToBase64String(bytes);
    }

    private HttpRequestMessage Post(string path, string? token, string? apiKey, string json) =>
        WithKey(EmulatorHttp.PostJson(ByClient.BaseAddress, path, token, json), apiKey);

    /// <summary>A POST without a body, as the Data Verification is documented.</summary>
    private HttpRequestMessage PostEmpty(string path, string? token, string? apiKey)
    {
        var request = EmulatorHttp.Get(ByClient.BaseAddress, path, token);
        request.Method = HttpMethod.Post;
        return WithKey(request, apiKey);
    }

    private HttpRequestMessage Get(string path, string? token, string? apiKey) =>
        WithKey(EmulatorHttp.Get(ByClient.BaseAddress, path, token), apiKey);

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is not null)
        {
            request.Headers.Add("APIKEY", apiKey);
        }

        return request;
    }

    private async Task<JsonElement> OkAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    private async Task<(int Status, string Code)> ErrorOfAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var (code, _) = await EmulatorHttp.ReadApiErrorAsync(response);
        return ((int)response.StatusCode, code);
    }
}
