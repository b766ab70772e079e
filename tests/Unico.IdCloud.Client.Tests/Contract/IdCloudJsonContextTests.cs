using System.CodeDom.Compiler;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.Contract;

/// <summary>The serializer configuration every call uses, and the shape of the generated models.</summary>
public sealed class IdCloudJsonContextTests
{
    private static readonly IdCloudJsonContext Json = IdCloudJsonContext.Default;

    private static IEnumerable<Type> GeneratedModelTypes() =>
        typeof(CreateProcessRequest).Assembly.GetExportedTypes()
            .Where(type => type.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "NJsonSchema");

    [Fact]
    public void TheContextCoversEveryGeneratedModel()
    {
        var generated = GeneratedModelTypes().ToList();

        Assert.Equal(
            [
                "AuthenticationInfo", "BiometryCaptureConfig", "CompanyData", "Contextualization", "ContextualizationLocale",
                "ContextualizationLocales", "CreateProcessRequest", "EnvelopeDocument", "EnvelopePayload",
                "FlowConfig", "IdCloudProcess", "ProcessDocument", "ProcessDocumentPerson", "ProcessNotification", "ProcessPerson",
                "ProcessService", "ProcessServiceDocument", "ScoreEngineResult", "SerproResult",
                "SetProcessDocumentRequest", "SignaturePayload",
            ],
            generated.Select(type => type.Name).Order(StringComparer.Ordinal));
        Assert.All(generated, type => Assert.NotNull(Json.GetTypeInfo(type)));

        // The wire envelopes are hand-written and internal (the Refit interfaces return their payload); the context
        // must still know them, or the serializer could not unwrap.
        Assert.All(
            [typeof(ProcessResponse), typeof(SetProcessDocumentResponse), typeof(FileContentsResponse)],
            type => Assert.False(type.IsPublic, type.Name));
        Assert.NotNull(Json.GetTypeInfo(typeof(ProcessResponse)));
        Assert.NotNull(Json.GetTypeInfo(typeof(SetProcessDocumentResponse)));
        Assert.NotNull(Json.GetTypeInfo(typeof(FileContentsResponse)));
    }

    [Fact]
    public void GeneratedModelsUsePascalCaseNamesAndExactWireNames()
    {
        var notOnTheWire = new List<string>();
        foreach (var property in GeneratedModelTypes().SelectMany(type => type.GetProperties()))
        {
            Assert.DoesNotContain('_', property.Name);
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                // Typed views added by hand-written partial parts (never serialized).
                notOnTheWire.Add(property.DeclaringType!.Name + "." + property.Name);
            }
            else if (property.Name != "AdditionalProperties")
            {
                Assert.NotNull(property.GetCustomAttribute<JsonPropertyNameAttribute>());
            }
        }

        Assert.Equal(
            [
                "IdCloudProcess.Cin", "IdCloudProcess.Cnh", "IdCloudProcess.IdentityDocument", "IdCloudProcess.OcrDocuments",
                "IdCloudProcess.Passaporte", "IdCloudProcess.Rg", "IdCloudProcess.SignedDocumentIds", "ProcessDocumentPerson.Cpf",
                "ProcessPerson.Cpf",
            ],
            notOnTheWire.Order(StringComparer.Ordinal));
        Assert.Equal("flow_config", typeof(CreateProcessRequest).GetProperty(nameof(CreateProcessRequest.FlowConfig))!.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);
        Assert.Equal("cpf_match", typeof(ProcessServiceDocument).GetProperty(nameof(ProcessServiceDocument.CpfMatch))!.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);
    }

    [Fact]
    public void UnsetOptionalMembersAreNotWritten()
    {
        var request = new CreateProcessRequest { CallbackUri = "/", Flow = Flow.IdLive, Purpose = Purpose.CreditProcess };

        JsonAssert.Equivalent(
            """{"callbackUri":"/","flow":"idlive","purpose":"creditprocess"}""",
            JsonSerializer.Serialize(request, Json.CreateProcessRequest));
    }

    [Fact]
    public void ExpiresInIsAProtobufDurationString()
    {
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.Id,
            Purpose = Purpose.CreditProcess,
            ExpiresIn = TimeSpan.FromDays(7),
        };

        using var written = JsonDocument.Parse(JsonSerializer.Serialize(request, Json.CreateProcessRequest));

        Assert.Equal("604800s", written.RootElement.GetProperty("expiresIn").GetString());
    }

    [Fact]
    public void MalformedExpiresInIsAJsonError()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(
            """{"callbackUri":"/","flow":"id","purpose":"creditprocess","expiresIn":"1h"}""", Json.CreateProcessRequest));
    }

    [Fact]
    public void TimestampsAreWrittenInUtcWithZAndNanosecondsAreRead()
    {
        var process = JsonSerializer.Deserialize(
            """{"process":{"id":"p","state":"PROCESS_STATE_FINISHED","createdAt":"2023-10-09T15:15:25.417105123Z","finishedAt":"2023-10-09T12:15:25-03:00"}}""",
            Json.ProcessResponse)!.Process;

        Assert.Equal(new DateTimeOffset(2023, 10, 9, 15, 15, 25, TimeSpan.Zero).AddTicks(4_171_051), process.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(-3), process.FinishedAt!.Value.Offset);

        using var written = JsonDocument.Parse(JsonSerializer.Serialize(process, Json.IdCloudProcess));
        Assert.Equal("2023-10-09T15:15:25.4171051Z", written.RootElement.GetProperty("createdAt").GetString());
        Assert.Equal("2023-10-09T12:15:25-03:00", written.RootElement.GetProperty("finishedAt").GetString());
    }

    [Fact]
    public void AnInvalidTimestampIsAJsonError()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"process":{"id":"p","state":"PROCESS_STATE_FINISHED","createdAt":"2023-10-35T00:00:00Z"}}""", Json.ProcessResponse));
    }

    [Fact]
    public void AMissingProcessIsAJsonError()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"53060f52"}""", Json.ProcessResponse));
    }

    [Fact]
    public void UnknownEnumValuesAndUnknownMembersSurviveARoundTrip()
    {
        const string json = """
            {
              "process": {
                "id": "p1",
                "flow": "idfuture",
                "state": "PROCESS_STATE_PAUSED",
                "bioTokenData": { "referenceProcessId": "p0" },
                "authenticationInfo": { "smartRevalidationResult": "SMART_REVALIDATION_RESULT_POSITIVE", "serproResult": { "score": 87.5 } },
                "capacities": ["PROCESS_CAPACITY_IDFUTURE"]
              },
              "traceId": 42
            }
            """;

        var response = JsonSerializer.Deserialize(json, Json.ProcessResponse)!;

        Assert.False(response.Process.Flow!.Value.IsKnown);
        Assert.Equal("idfuture", response.Process.Flow.Value.Value);
        Assert.Equal("PROCESS_STATE_PAUSED", response.Process.State.Value);
        Assert.Equal("p0", ((JsonElement)response.Process.AdditionalProperties["bioTokenData"]).GetProperty("referenceProcessId").GetString());
        Assert.True(response.Process.AuthenticationInfo!.AdditionalProperties.ContainsKey("smartRevalidationResult"));
        Assert.Equal(87.5, response.Process.AuthenticationInfo.SerproResult!.Score);
        Assert.Equal(42, ((JsonElement)response.AdditionalProperties["traceId"]).GetInt32());
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(response, Json.ProcessResponse));
    }

    [Fact]
    public void ExtraMembersAddedInCodeAreWrittenWhenTheirTypeIsRegistered()
    {
        var request = new CreateProcessRequest { CallbackUri = "/", Flow = Flow.IdSmart, Purpose = Purpose.CreditProcess };
        request.AdditionalProperties["futureFlag"] = true;
        request.Person = new ProcessPerson { DuiType = DuiType.BrCpf, DuiValue = "12345678909" };
        request.Person.AdditionalProperties["phoneCountryCodeAlpha3"] = "BRA";

        JsonAssert.Equivalent(
            """{"callbackUri":"/","flow":"idsmart","purpose":"creditprocess","futureFlag":true,"person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"12345678909","phoneCountryCodeAlpha3":"BRA"}}""",
            JsonSerializer.Serialize(request, Json.CreateProcessRequest));
    }

    [Fact]
    public void ExtraMembersOfAnUnregisteredTypeFailClearlyInsteadOfUsingReflection()
    {
        var request = new CreateProcessRequest { CallbackUri = "/", Flow = Flow.Id, Purpose = Purpose.CreditProcess };
        request.AdditionalProperties["when"] = new Uri("https://example.com");

        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(request, Json.CreateProcessRequest));
    }
}
