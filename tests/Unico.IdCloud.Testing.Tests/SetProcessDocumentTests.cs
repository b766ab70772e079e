using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// Set Process Document (<c>POST /client/v1/process/{id}/document</c>; /work/shared/unico-api-facts.md §7, the vendor's
/// "Set Process Document" reference): a process created without the person's document waits in
/// <c>PROCESS_STATE_AWAITING_FOR_DOCUMENT</c> until it gets one, once.
/// </summary>
public sealed class SetProcessDocumentTests(EmulatorFixture fixture) : SetProcessDocumentTests<EmulatorFixture>(fixture);

/// <summary>The same tests against the in-memory emulator (no sockets): the behaviour must not differ.</summary>
public sealed class InMemorySetProcessDocumentTests(InMemoryFixture fixture) : SetProcessDocumentTests<InMemoryFixture>(fixture);

/// <summary>The tests, for either mode.</summary>
/// <typeparam name="TFixture">Starts the emulator over sockets or in memory.</typeparam>
public abstract class SetProcessDocumentTests<TFixture>(TFixture fixture) : EmulatorTest<TFixture>(fixture)
    where TFixture : EmulatorFixture
{
    private const string AwaitingForDocument = "PROCESS_STATE_AWAITING_FOR_DOCUMENT";

    [Fact]
    public async Task A_process_created_without_a_document_awaits_one_then_moves_on()
    {
        var token = await TokenAsync();
        var created = await CreateWithoutDocumentAsync(token);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(AwaitingForDocument, created.GetProperty("state").GetString());
        Assert.False(created.GetProperty("person").TryGetProperty("duiValue", out _));

        using var response = await SetDocumentAsync(token, id, """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            JsonNode.Parse("{\"process\":{\"id\":\"" + id + "\",\"person\":{\"duiType\":\"DUI_TYPE_BR_CPF\",\"duiValue\":\"73689290074\"}}}")!.ToJsonString(),
            JsonNode.Parse(body.RootElement.GetRawText())!.ToJsonString());
        var process = await GetProcessAsync(token, id);
        Assert.Equal("PROCESS_STATE_CREATED", process.GetProperty("state").GetString());
        Assert.Equal("73689290074", process.GetProperty("person").GetProperty("duiValue").GetString());
        Assert.Equal("Luke Skywalker", process.GetProperty("person").GetProperty("friendlyName").GetString());
    }

    [Theory]
    [InlineData("DUI_TYPE_MX_CURP", "GODE561231HDFRRN09")]
    [InlineData("DUI_TYPE_US_SSN", "078-05-1120")]
    public async Task Every_documented_dui_type_is_accepted(string duiType, string duiValue)
    {
        var token = await TokenAsync();
        var id = (await CreateWithoutDocumentAsync(token)).GetProperty("id").GetString()!;

        using var response = await SetDocumentAsync(token, id, $$"""{"duiType":"{{duiType}}","duiValue":"{{duiValue}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Once_set_the_document_cannot_change()
    {
        var token = await TokenAsync();
        var id = (await CreateWithoutDocumentAsync(token)).GetProperty("id").GetString()!;
        using (var first = await SetDocumentAsync(token, id, """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await SetDocumentAsync(token, id, """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"12345678909"}""");

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(("9", "process is not awaiting a document (state PROCESS_STATE_CREATED)"), await EmulatorHttp.ReadApiErrorAsync(second));
        Assert.Equal("73689290074", (await GetProcessAsync(token, id)).GetProperty("person").GetProperty("duiValue").GetString());
    }

    [Fact]
    public async Task A_process_created_with_a_document_or_finished_refuses_it()
    {
        var token = await TokenAsync();
        var withDocument = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idlive"))).GetProperty("id").GetString()!;
        var expired = (await CreateWithoutDocumentAsync(token)).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(expired, EmulatedOutcome.Expired);

        using var created = await SetDocumentAsync(token, withDocument, """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""");
        using var finished = await SetDocumentAsync(token, expired, """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""");

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, finished.StatusCode);
        Assert.Equal("9", (await EmulatorHttp.ReadApiErrorAsync(finished)).Code);
    }

    [Theory]
    [MemberData(nameof(SetProcessDocumentCases.BadBodies), MemberType = typeof(SetProcessDocumentCases))]
    public async Task A_bad_body_is_a_400_and_changes_nothing(string body, string description)
    {
        var token = await TokenAsync();
        var id = (await CreateWithoutDocumentAsync(token)).GetProperty("id").GetString()!;

        using var response = await SetDocumentAsync(token, id, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("3", description), await EmulatorHttp.ReadApiErrorAsync(response));
        Assert.Equal(AwaitingForDocument, (await GetProcessAsync(token, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_value_of_320_characters_is_accepted()
    {
        var token = await TokenAsync();
        var id = (await CreateWithoutDocumentAsync(token)).GetProperty("id").GetString()!;

        using var response = await SetDocumentAsync(token, id, "{\"duiType\":\"DUI_TYPE_US_SSN\",\"duiValue\":\"" + new string('1', 320) + "\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_malformed_id_is_refused_like_on_the_other_endpoints()
    {
        var token = await TokenAsync();

        using var unknown = await SetDocumentAsync(token, Guid.NewGuid().ToString(), """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""");
        using var malformed = await SetDocumentAsync(token, "123", """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""");
        using var unauthenticated = await SetDocumentAsync("not-a-token", Guid.NewGuid().ToString(), "{}");

        await EmulatorHttp.AssertBareNotFoundAsync(unknown);
        Assert.Equal(("3", "process id is invalid"), await EmulatorHttp.ReadApiErrorAsync(malformed));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task Until_it_has_a_document_the_journey_can_only_expire()
    {
        var token = await TokenAsync();
        var id = (await CreateWithoutDocumentAsync(token)).GetProperty("id").GetString()!;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved));
        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Expired);

        Assert.Equal("PROCESS_STATE_FINISHED", (await GetProcessAsync(token, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Faults_can_be_injected_on_the_route()
    {
        var token = await TokenAsync();
        var id = (await CreateWithoutDocumentAsync(token)).GetProperty("id").GetString()!;
        Emulator.InjectFault(EmulatorRoute.SetProcessDocument, EmulatedFault.Status(503));

        using var response = await SetDocumentAsync(token, id, """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(EmulatorRoute.SetProcessDocument, Assert.Single(Emulator.Requests, r => r.Method == "POST" && r.Path.EndsWith("/document", StringComparison.Ordinal)).Route);
    }

    private async Task<JsonElement> CreateWithoutDocumentAsync(string token)
    {
        var body = JsonNode.Parse(EmulatorHttp.CreateBody("idlive"))!.AsObject();
        body.Remove("payload");
        var person = body["person"]!.AsObject();
        person.Remove("duiType");
        person.Remove("duiValue");
        return await CreateProcessAsync(token, body.ToJsonString());
    }

    private Task<HttpResponseMessage> SetDocumentAsync(string token, string id, string body) =>
        Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, $"/client/v1/process/{id}/document", token, body));
}

/// <summary>Bodies Set Process Document refuses, with the description it answers.</summary>
public static class SetProcessDocumentCases
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"duiType":"DUI_TYPE_BR_RG","duiValue":"123"}""", "invalid duiType: use DUI_TYPE_BR_CPF, DUI_TYPE_MX_CURP or DUI_TYPE_US_SSN" },
        { """{"duiValue":"73689290074"}""", "invalid duiType: use DUI_TYPE_BR_CPF, DUI_TYPE_MX_CURP or DUI_TYPE_US_SSN" },
        { """{"duiType":"DUI_TYPE_BR_CPF"}""", "idnsv2/GetPublicID request error: rpc error: code = InvalidArgument desc = invalid dui value" },
        { """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290075"}""", "idnsv2/GetPublicID request error: rpc error: code = InvalidArgument desc = invalid dui value" },
        { "{\"duiType\":\"DUI_TYPE_US_SSN\",\"duiValue\":\"" + new string('1', 321) + "\"}", "idnsv2/GetPublicID request error: rpc error: code = InvalidArgument desc = invalid dui value" },
        { "{not json", "proto: syntax error: the request body is not valid JSON" },
    };
}
