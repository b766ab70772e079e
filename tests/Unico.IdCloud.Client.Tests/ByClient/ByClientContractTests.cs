using System.Text.Json;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.ByClient;

/// <summary>
/// The by Client contract: every vendor example (Fixtures/vendor-byclient) is embedded, identical, in
/// openapi/idcloud-byclient.yaml, and round-trips through the DTOs generated from it (Wire) and the request model; the four canonical Postman bodies read as
/// the typed values they describe.
/// </summary>
public sealed class ByClientContractTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendor-byclient");

    public static TheoryData<string> AllExamples => Named(_ => true);

    public static TheoryData<string> ProcessResponses => Named(n => n.Contains("-response", StringComparison.Ordinal) && n.Contains("process", StringComparison.Ordinal) && !n.Contains("pascal", StringComparison.Ordinal));

    public static TheoryData<string> Requests => Named(n => n.StartsWith("create-process-request", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Every_example_is_embedded_identically_in_the_contract(string name)
    {
        // Read as OpenAPI tools read it (a YAML parser), so an example that is in the text but not under "examples" fails.
        var examples = Contract.ContractExamplesTests.EmbeddedExamples("idcloud-byclient.yaml");

        Assert.True(examples.TryGetValue(name, out var example), $"openapi/idcloud-byclient.yaml has no example named {name}.");
        JsonAssert.Equivalent(Read(name), example!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(ProcessResponses))]
    public void Process_examples_round_trip_through_the_wire_model(string name)
    {
        var json = Read(name);

        var wire = JsonSerializer.Deserialize(json, ByClientJsonContext.Default.ByClientProcess)!;

        JsonAssert.Equivalent(json, JsonSerializer.Serialize(wire, ByClientJsonContext.Default.ByClientProcess));
        Assert.NotNull(ByClientProcess.FromWire(wire, clientReference: null));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_examples_round_trip_through_the_request_model(string name)
    {
        var json = Read(name);

        var request = JsonSerializer.Deserialize(json, ByClientJsonContext.Default.ByClientProcessRequest)!;

        JsonAssert.Equivalent(json, JsonSerializer.Serialize(request, ByClientJsonContext.Default.ByClientProcessRequest));
    }

    [Fact]
    public void The_reusable_documents_example_round_trips()
    {
        var json = Read("get-documents-response");

        var wire = JsonSerializer.Deserialize(json, ByClientJsonContext.Default.ReusableDocumentList)!;

        JsonAssert.Equivalent(json, JsonSerializer.Serialize(wire, ByClientJsonContext.Default.ReusableDocumentList));
        Assert.Equal("BR_CNH", Assert.Single(wire.Items!).DocumentType);
    }

    [Fact]
    public void The_data_verification_example_round_trips_through_the_wire_model()
    {
        var json = Read("post-lists-response");

        var wire = JsonSerializer.Deserialize(json, ByClientJsonContext.Default.DataVerification)!;

        JsonAssert.Equivalent(json, JsonSerializer.Serialize(wire, ByClientJsonContext.Default.DataVerification));
        Assert.Equal("41c24382-36ce-4bb4-8339-352114f71f78", wire.Id);
        Assert.Equal(3, wire.Status);
        Assert.Equal("JOAO DA SILVA", wire.Lists!.BasicData!.Name);
        Assert.Equal("AVENIDA DO ESTADO", wire.Lists.BasicData.Address!.AddressMain);
        Assert.Equal("...", wire.Lists.BasicData.FinancialData!.IncomeEstimate);
        Assert.Empty(wire.Lists.AdditionalProperties); // every member of the example is in the contract
        Assert.Empty(wire.Lists.BasicData.AdditionalProperties);
    }

    [Fact]
    public void Data_verification_sections_and_members_the_contract_does_not_know_round_trip()
    {
        const string json = """{"id":"x","status":3,"lists":{"basicData":{"name":"ANA","nickname":"ANINHA","address":{"city":"RECIFE","geo":{"lat":-8.05}}},"pep":{"isPep":false,"items":[]},"sanctions":[{"source":"OFAC"}]},"requestedAt":"2026-01-01"}""";

        var wire = JsonSerializer.Deserialize(json, ByClientJsonContext.Default.DataVerification)!;

        JsonAssert.Equivalent(json, JsonSerializer.Serialize(wire, ByClientJsonContext.Default.DataVerification));
        Assert.Equal(["pep", "sanctions"], wire.Lists!.AdditionalProperties.Keys.Order(StringComparer.Ordinal));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"x","lists":{}}""", ByClientJsonContext.Default.DataVerification)); // status is required
    }

    [Fact]
    public void The_error_example_is_read_by_the_one_error_body_reader()
    {
        var body = IdCloudErrorBody.Parse(File.ReadAllBytes(Path.Combine(Fixtures, "error-response-capture-expired.json")), "application/json");

        Assert.Equal("10507", body.Code);
        Assert.Equal(ByClientErrorReason.CaptureExpired, ByClientErrorCatalog.Find(body.Code)!.Reason);
    }

    [Fact]
    public void The_four_canonical_Postman_bodies_read_as_typed_values()
    {
        var yes = Process("get-process-response-yes");
        Assert.Equal(ByClientProcessStatus.Finished, yes.Status);
        Assert.Equal(ByClientVerdict.Yes, yes.UnicoId);
        Assert.Null(yes.Liveness);
        Assert.Equal(IdCloudProcessOutcome.Approved, yes.Interpret().Outcome);

        var scored = Process("get-process-response-inconclusive-score");
        Assert.Equal(ByClientVerdict.Inconclusive, scored.UnicoId);
        Assert.Equal(ByClientLiveness.Passed, scored.Liveness);
        Assert.Equal(28, scored.Score);
        Assert.Equal([IdCloudOutcomeReason.PositiveRiskScore], scored.Interpret().Reasons);

        var divergence = Process("get-process-response-divergence");
        Assert.Equal(ByClientProcessStatus.Divergence, divergence.Status);
        var reading = divergence.Interpret();
        Assert.False(reading.IsDecision);
        Assert.True(reading.IsFinal);
        Assert.Equal(IdCloudProcessOutcome.Inconclusive, reading.Outcome);
        Assert.Equal([IdCloudOutcomeReason.Divergence], reading.Reasons);
        Assert.Equal("Divergence: no verdict was given; review manually or capture again in a new process.", reading.Explanation);
        Assert.Equal("Inconclusive (Divergence)", reading.ToString());

        var notLive = Process("get-process-response-inconclusive-not-live");
        Assert.Equal(ByClientLiveness.Failed, notLive.Liveness);
        Assert.Equal(IdCloudProcessOutcome.Denied, notLive.Interpret().Outcome);

        var all = Process("create-process-response-all-capabilities");
        Assert.Equal(ByClientVerdict.Inconclusive, all.IdentityFraudsters);
        Assert.Equal(87, all.Serpro);

        var error = Process("create-process-response-error-status");
        Assert.Equal(ByClientProcessStatus.Error, error.Status);
        Assert.Equal(IdCloudProcessOutcome.Error, error.Interpret().Outcome);
    }

    [Fact]
    public void PascalCase_answers_are_read_case_insensitively()
    {
        var process = Process("get-process-response-pascal-case");

        Assert.Equal("1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a", process.Id);
        Assert.Equal(ByClientProcessStatus.Finished, process.Status);
        Assert.Equal(ByClientLiveness.Passed, process.Liveness);
    }

    [Fact]
    public void Numbers_sent_as_strings_and_unknown_values_are_tolerated_and_never_approved()
    {
        var wire = JsonSerializer.Deserialize("""{"id":"x","status":"3","unicoId":{"result":"maybe"},"score":"-5","riskLevel":{"result":"moderate-risk"},"newField":1}""", ByClientJsonContext.Default.ByClientProcess)!;
        var process = ByClientProcess.FromWire(wire, null)!;

        Assert.Equal(ByClientProcessStatus.Finished, process.Status);
        Assert.False(process.UnicoId!.Value.IsKnown);
        Assert.Equal(-5, process.Score);
        Assert.Equal(IdCloudProcessOutcome.Unrecognized, process.Interpret().Outcome);
        Assert.Equal(IdCloudProcessOutcome.Unrecognized, ByClientProcess.FromWire(new Client.ByClient.Wire.ByClientProcess { Id = "x", Status = 9 }, null)!.Interpret().Outcome);
        Assert.Null(ByClientProcess.FromWire(new Client.ByClient.Wire.ByClientProcess { Id = " ", Status = 3 }, null));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"x"}""", ByClientJsonContext.Default.ByClientProcess)); // status is required
    }

    private static ByClientProcess Process(string name) =>
        ByClientProcess.FromWire(JsonSerializer.Deserialize(Read(name), ByClientJsonContext.Default.ByClientProcess)!, null)!;

    private static string Read(string name) => File.ReadAllText(Path.Combine(Fixtures, name + ".json"));

    private static TheoryData<string> Named(Func<string, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Fixtures, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (predicate(name))
            {
                data.Add(name);
            }
        }

        return data;
    }
}
