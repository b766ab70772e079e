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

    // Wire shapes a user never builds or reads (x-idcloud-internal in the contract): generated, but internal.
    private static IEnumerable<Type> InternalGeneratedModelTypes() =>
        typeof(CreateProcessRequest).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(CreateProcessRequest).Namespace && !type.IsPublic)
            .Where(type => type.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "NJsonSchema");

    [Fact]
    public void TheContextCoversEveryGeneratedModel()
    {
        var generated = GeneratedModelTypes().ToList();

        Assert.Equal(
            [
                "AuthenticationInfo", "CompanyData", "Contextualization", "CreateProcessRequest", "EnvelopeDocument",
                "EnvelopePayload", "IdCloudProcess", "ProcessDocument", "ProcessPerson", "ProcessService",
                "ProcessServiceDocument", "SetProcessDocumentRequest",
            ],
            generated.Select(type => type.Name).Order(StringComparer.Ordinal));
        Assert.All(generated, type => Assert.NotNull(Json.GetTypeInfo(type)));

        var internalGenerated = InternalGeneratedModelTypes().ToList();
        Assert.Equal(
            ["BiometryCaptureConfig", "ContextualizationLocale", "ContextualizationLocales", "FlowConfig", "ScoreEngineResult", "SerproResult"],
            internalGenerated.Select(type => type.Name).Order(StringComparer.Ordinal));
        Assert.All(internalGenerated, type => Assert.NotNull(Json.GetTypeInfo(type)));

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
            else
            {
                Assert.NotNull(property.GetCustomAttribute<JsonPropertyNameAttribute>());
            }
        }

        // Internal wire members (x-idcloud-internal, AdditionalProperties) are still serialized: [JsonInclude].
        var internalOnTheWire = GeneratedModelTypes().Concat(InternalGeneratedModelTypes())
            .SelectMany(type => type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic))
            .Where(property => property.GetCustomAttribute<JsonIncludeAttribute>() is not null)
            .ToList();
        Assert.All(internalOnTheWire, property => Assert.True(
            property.GetCustomAttribute<JsonPropertyNameAttribute>() is not null || property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null,
            property.DeclaringType!.Name + "." + property.Name));
        Assert.Equal(
            [
                "AuthenticationInfo.ScoreEngineResultWire", "AuthenticationInfo.SerproResultWire", "Contextualization.Locales",
                "CreateProcessRequest.FlowConfigWire", "EnvelopeDocument.FileContentsBase64",
            ],
            internalOnTheWire.Where(property => property.Name != "AdditionalProperties")
                .Select(property => property.DeclaringType!.Name + "." + property.Name).Order(StringComparer.Ordinal));
        Assert.All(
            GeneratedModelTypes().Concat(InternalGeneratedModelTypes()),
            type => Assert.NotNull(type.GetProperty("AdditionalProperties", BindingFlags.Instance | BindingFlags.NonPublic)?.GetCustomAttribute<JsonIncludeAttribute>()));

        Assert.Equal(
            [
                "AuthenticationInfo.Score", "AuthenticationInfo.ScoreEnabled", "AuthenticationInfo.SerproScore",
                "Contextualization.ReasonEnUs", "Contextualization.ReasonEsMx", "Contextualization.ReasonPtBr",
                "CreateProcessRequest.EnableBackCamera", "EnvelopeDocument.FileContents",
                "IdCloudProcess.Cin", "IdCloudProcess.Cnh", "IdCloudProcess.IdentityDocument", "IdCloudProcess.OcrDocuments",
                "IdCloudProcess.Passaporte", "IdCloudProcess.Rg", "IdCloudProcess.SignedDocumentIds", "ProcessPerson.Cpf",
            ],
            notOnTheWire.Order(StringComparer.Ordinal));
        Assert.Equal("flow_config", typeof(CreateProcessRequest).GetProperty(nameof(CreateProcessRequest.FlowConfigWire), BindingFlags.Instance | BindingFlags.NonPublic)!.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);
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
    public void TheWebAppTokenNamedByTheWebAndSdkOverviewIsReadTypedBesideTheToken()
    {
        var process = JsonSerializer.Deserialize(
            """{"process":{"id":"p","state":"PROCESS_STATE_CREATED","token":"journey-token","webAppToken":"web-app-token"}}""",
            Json.ProcessResponse)!.Process;

        Assert.Equal("journey-token", process.Token);
        Assert.Equal("web-app-token", process.WebAppToken);
        Assert.False(process.AdditionalProperties.ContainsKey("webAppToken"));

        var withoutIt = JsonSerializer.Deserialize("""{"process":{"id":"p","state":"PROCESS_STATE_CREATED"}}""", Json.ProcessResponse)!.Process;
        Assert.Null(withoutIt.WebAppToken);
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
        Assert.Equal(87.5, response.Process.AuthenticationInfo.SerproScore);
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

    [Fact]
    public void FlattenedMembersWriteTheDocumentedWireShape()
    {
        // What the C# model flattens (x-idcloud-internal / x-idcloud-type in the contract) is written exactly as the
        // vendor's full CreateProcess example nests it.
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdUnicoSign,
            Purpose = Purpose.CreditProcess,
            EnableBackCamera = true,
            Person = new ProcessPerson { Email = "teste@teste.com", Notifications = [NotificationChannel.WhatsApp, NotificationChannel.Sms] },
            Contextualization = new Contextualization { ReasonPtBr = "Abertura de cadastro", ReasonEsMx = "Validación" },
            Payload = [new EnvelopePayload { Documents = [new EnvelopeDocument { DocumentName = "teste", FileContents = new byte[] { 0x25, 0x50, 0x44, 0x46 } }] }],
        };

        var json = JsonSerializer.Serialize(request, Json.CreateProcessRequest);

        JsonAssert.Equivalent(
            """
            {
              "callbackUri": "/", "flow": "idunicosign", "purpose": "creditprocess",
              "flow_config": { "biometry_capture": { "enabled_back_camera": true } },
              "person": {
                "email": "teste@teste.com",
                "notifications": [ { "notificationChannel": "NOTIFICATION_CHANNEL_WHATSAPP" }, { "notificationChannel": "NOTIFICATION_CHANNEL_SMS" } ]
              },
              "contextualization": { "locale": { "ptBr": { "reason": "Abertura de cadastro" }, "esMX": { "reason": "Validación" } } },
              "payload": [ { "envelopePayload": { "documents": [ { "documentName": "teste", "fileContents": "JVBERg==" } ] } } ]
            }
            """,
            json);

        var read = JsonSerializer.Deserialize(json, Json.CreateProcessRequest)!;
        Assert.True(read.EnableBackCamera);
        Assert.Equal([NotificationChannel.WhatsApp, NotificationChannel.Sms], read.Person!.Notifications!);
        Assert.Equal("Abertura de cadastro", read.Contextualization!.ReasonPtBr);
        Assert.Null(read.Contextualization.ReasonEnUs);
        Assert.Equal("Validación", read.Contextualization.ReasonEsMx);
        Assert.Equal(new byte[] { 0x25, 0x50, 0x44, 0x46 }, Assert.Single(Assert.Single(read.Payload!).Documents!).FileContents!.Value.ToArray());
    }

    [Fact]
    public void ClearingAFlattenedMemberThatWasNeverSetWritesNothing()
    {
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.Id,
            Purpose = Purpose.CreditProcess,
            EnableBackCamera = null,
            Contextualization = new Contextualization { ReasonEnUs = null, Currency = "BRL" },
        };

        JsonAssert.Equivalent(
            """{"callbackUri":"/","flow":"id","purpose":"creditprocess","contextualization":{"currency":"BRL"}}""",
            JsonSerializer.Serialize(request, Json.CreateProcessRequest));

        request.EnableBackCamera = false;
        request.Contextualization.ReasonPtBr = "x";
        request.Contextualization.ReasonPtBr = null;
        JsonAssert.Equivalent(
            """{"callbackUri":"/","flow":"id","purpose":"creditprocess","flow_config":{"biometry_capture":{"enabled_back_camera":false}},"contextualization":{"currency":"BRL","locale":{"ptBr":{}}}}""",
            JsonSerializer.Serialize(request, Json.CreateProcessRequest));
    }

    [Fact]
    public void NotificationAndEnvelopeItemsWithoutTheirOneMemberAreSkippedWhenRead()
    {
        var request = JsonSerializer.Deserialize(
            """{"callbackUri":"/","flow":"id","purpose":"creditprocess","person":{"notifications":[{},{"notificationChannel":"NOTIFICATION_CHANNEL_EMAIL","x":1}]},"payload":[{"other":[1]},{"envelopePayload":{"documents":[]}}]}""",
            Json.CreateProcessRequest)!;

        Assert.Equal([NotificationChannel.Email], request.Person!.Notifications!);
        Assert.Empty(Assert.Single(request.Payload!).Documents!);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"callbackUri":"/","flow":"id","purpose":"p","person":{"notifications":["NOTIFICATION_CHANNEL_SMS"]}}""", Json.CreateProcessRequest));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"callbackUri":"/","flow":"id","purpose":"p","payload":{}}""", Json.CreateProcessRequest));
    }

    [Fact]
    public void TheFlattenedScoresAreWrittenInTheirWireObjects()
    {
        var info = new AuthenticationInfo { ScoreEnabled = true, Score = -40, SerproScore = 87.5 };

        JsonAssert.Equivalent(
            """{"scoreEngineResult":{"scoreEnabled":"SCORE_ENABLED_TRUE","score":-40},"serproResult":{"score":87.5}}""",
            JsonSerializer.Serialize(info, Json.AuthenticationInfo));
        Assert.Equal("{}", JsonSerializer.Serialize(new AuthenticationInfo { Score = null, ScoreEnabled = null, SerproScore = null }, Json.AuthenticationInfo));

        var read = JsonSerializer.Deserialize("""{"scoreEngineResult":{"scoreEnabled":"SCORE_ENABLED_MAYBE","x":1},"serproResult":{}}""", Json.AuthenticationInfo)!;
        Assert.Null(read.ScoreEnabled); // unknown: not a yes or no, but written back unchanged below
        Assert.Null(read.Score);
        Assert.Null(read.SerproScore);
        JsonAssert.Equivalent("""{"scoreEngineResult":{"scoreEnabled":"SCORE_ENABLED_MAYBE","x":1},"serproResult":{}}""", JsonSerializer.Serialize(read, Json.AuthenticationInfo));
    }
}
