using System.Text.Json;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// <see cref="IdCloudModelFactory"/> builds every by Unico result a user's unit test needs, read by the SDK's own
/// deserializer: <c>Interpret()</c> gives the expected outcome and the raw values are the documented ones.
/// </summary>
public sealed class ModelFactoryTests
{
    public static TheoryData<EmulatedOutcome, string, IdCloudProcessOutcome> Outcomes => new()
    {
        { EmulatedOutcome.Approved, "id", IdCloudProcessOutcome.Approved },
        { EmulatedOutcome.IdentityNegative, "id", IdCloudProcessOutcome.Denied },
        { EmulatedOutcome.Inconclusive, "id", IdCloudProcessOutcome.Inconclusive },
        { EmulatedOutcome.LivenessFailed, "id", IdCloudProcessOutcome.Denied },
        { EmulatedOutcome.BehaviourAlert, "idtrust", IdCloudProcessOutcome.Inconclusive },
        { EmulatedOutcome.Expired, "id", IdCloudProcessOutcome.Expired },
        { EmulatedOutcome.ProcessingError, "id", IdCloudProcessOutcome.Error },
        { EmulatedOutcome.Approved, "idlive", IdCloudProcessOutcome.Approved },
        { EmulatedOutcome.LivenessFailed, "idlive", IdCloudProcessOutcome.Denied },
        { EmulatedOutcome.Approved, "idcheck", IdCloudProcessOutcome.Approved },
        { EmulatedOutcome.IdentityNegative, "idcheck", IdCloudProcessOutcome.Denied },
        { EmulatedOutcome.Inconclusive, "idcheck", IdCloudProcessOutcome.Approved }, // score 10 > 0: Unico's "approve"
        { EmulatedOutcome.Approved, "idunicodocssign", IdCloudProcessOutcome.Approved },
        { EmulatedOutcome.IdentityNegative, "idunicodocssign", IdCloudProcessOutcome.Denied },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Each_outcome_interprets_as_the_emulator_documents_it(EmulatedOutcome outcome, string flow, IdCloudProcessOutcome expected)
    {
        var process = IdCloudModelFactory.Process(outcome, new Flow(flow));

        var summary = process.Interpret();

        Assert.Equal(expected, summary.Outcome);
        Assert.Equal(ProcessState.Finished, process.State);
        Assert.Equal(new Flow(flow), process.Flow);
        Assert.NotEmpty(process.Capacities!);
        Assert.Equal("***.***.***-74", Cpf.Mask(process.Person!.DuiValue));
    }

    [Fact]
    public void The_raw_values_are_the_documented_ones()
    {
        var approved = IdCloudModelFactory.Process(EmulatedOutcome.Approved);
        var notLive = IdCloudModelFactory.Process(EmulatedOutcome.LivenessFailed);
        var alert = IdCloudModelFactory.Process(EmulatedOutcome.BehaviourAlert, Flow.IdTrust);
        var expired = IdCloudModelFactory.Process(EmulatedOutcome.Expired);
        var failed = IdCloudModelFactory.Process(EmulatedOutcome.ProcessingError);

        Assert.Equal(ProcessResult.Ok, approved.Result);
        Assert.Equal(AuthenticationResult.Positive, approved.AuthenticationInfo!.AuthenticationResult);
        Assert.Equal(LivenessResult.Live, approved.AuthenticationInfo.LivenessResult);
        Assert.True(Guid.TryParse(approved.AuthenticationInfo.AuthenticationId, out _));
        Assert.Equal(string.Empty, approved.Token); // emptied once finished, as the real service does
        Assert.Equal(LivenessResult.NotLive, notLive.AuthenticationInfo!.LivenessResult);
        Assert.Equal(AuthenticationResult.Unspecified, notLive.AuthenticationInfo.AuthenticationResult);
        Assert.Equal(TrustResult.Yes, alert.AuthenticationInfo!.IdentityFraudstersResult);
        Assert.Equal(ProcessResult.Expired, expired.Result);
        Assert.Null(expired.AuthenticationInfo!.AuthenticationResult); // authenticationInfo is {}
        Assert.Equal(expired.ExpiresAt, expired.FinishedAt);
        Assert.Equal(ProcessResult.Error, failed.Result);
        Assert.Null(approved.Services); // no document asked for, nothing signed
    }

    [Fact]
    public void A_flow_with_documents_captures_a_cnh_unless_another_type_is_asked_for()
    {
        var approved = IdCloudModelFactory.Process(EmulatedOutcome.Approved, Flow.IdUnicoDocs);
        var expired = IdCloudModelFactory.Process(EmulatedOutcome.Expired, Flow.IdUnicoDocs);
        var passport = IdCloudModelFactory.Process(EmulatedOutcome.Approved, Flow.IdUnicoDocs, OcrDocumentCode.Passaporte);

        Assert.Equal(OcrDocumentCode.Cnh, Assert.Single(Assert.Single(approved.Services!).Documents!).Doc!.Code);
        Assert.Null(expired.Services); // the person never reached the document step
        Assert.Equal(OcrDocumentCode.Passaporte, Assert.Single(Assert.Single(passport.Services!).Documents!).Doc!.Code);
    }

    [Fact]
    public void A_pending_process_is_created_with_a_journey_token_and_no_result()
    {
        var process = IdCloudModelFactory.PendingProcess(Flow.IdUnicoSign, processId: "3f1c9a52-2c1e-4c55-9d0c-6c1f8f8b7a10");

        Assert.Equal(IdCloudProcessOutcome.Pending, process.Interpret().Outcome);
        Assert.Equal(ProcessState.Created, process.State);
        Assert.Null(process.Result);
        Assert.Null(process.FinishedAt);
        Assert.NotEmpty(process.Token!);
        Assert.Equal("3f1c9a52-2c1e-4c55-9d0c-6c1f8f8b7a10", process.Id);
    }

    [Fact]
    public void A_signing_flow_that_passes_carries_the_envelope_and_a_signed_document_id()
    {
        var signed = IdCloudModelFactory.Process(EmulatedOutcome.Approved, Flow.IdUnicoSign);
        var denied = IdCloudModelFactory.Process(EmulatedOutcome.IdentityNegative, Flow.IdUnicoSign);

        var service = Assert.Single(signed.Services!);
        Assert.True(Guid.TryParse(service.EnvelopeId, out _));
        Assert.True(Guid.TryParse(Assert.Single(service.DocumentIds!), out _));
        Assert.Null(denied.Services); // the journey stops before signing
    }

    public static TheoryData<string> DocumentTypes => new() { "CNH", "RG", "CIN", "PASSAPORTE", "UNKNOWN" };

    [Theory]
    [MemberData(nameof(DocumentTypes))]
    public void Every_ocr_document_type_is_read_and_reached_through_its_typed_accessor(string code)
    {
        var process = IdCloudModelFactory.Process(EmulatedOutcome.Approved, document: new OcrDocumentCode(code));

        var captured = Assert.Single(Assert.Single(process.Services!).Documents!);
        Assert.Equal(IdCloudProcessOutcome.Approved, process.Interpret().Outcome);
        Assert.Equal(Flow.IdUnicoDocs, process.Flow);
        Assert.Equal(new OcrDocumentCode(code), captured.Doc!.Code);
        var data = Assert.IsType<OcrDocumentData>(captured.Doc.Data);
        Assert.Same(code == "CNH" ? data : null, process.Cnh);
        Assert.Same(code == "RG" ? data : null, process.Rg);
        Assert.Same(code == "CIN" ? data : null, process.Cin);
        Assert.Same(code == "PASSAPORTE" ? data : null, process.Passaporte);
        Assert.True(Guid.TryParse(captured.DocId, out _));
        Assert.Equal(IdCloudModelFactory.OcrDocument(new OcrDocumentCode(code)).Data!.Json.GetRawText(), captured.Doc.Data!.Json.GetRawText());
    }

    [Fact]
    public void The_ocr_fields_are_typed_as_documented()
    {
        var cnh = Assert.IsType<OcrDocumentData>(IdCloudModelFactory.OcrDocument(OcrDocumentCode.Cnh).Data);
        var rg = Assert.IsType<OcrDocumentData>(IdCloudModelFactory.OcrDocument(OcrDocumentCode.Rg).Data);
        var cin = Assert.IsType<OcrDocumentData>(IdCloudModelFactory.OcrDocument(OcrDocumentCode.Cin).Data);
        var passport = Assert.IsType<OcrDocumentData>(IdCloudModelFactory.OcrDocument(OcrDocumentCode.Passaporte).Data);
        var unknown = Assert.IsType<OcrDocumentData>(IdCloudModelFactory.OcrDocument(OcrDocumentCode.Unknown).Data);

        Assert.Equal("73689290074", cnh.CpfNumero); // a JSON number on the wire, read as text
        Assert.Equal("Maria da Silva", cnh.NomeCivil);
        Assert.Equal("B", cnh.Categoria);
        Assert.Equal(["Ana da Silva", "Jose da Silva"], cnh.Filiacao!);
        Assert.NotNull(cnh.BirthDate);
        Assert.Equal("UF_SP", rg.UfEmissor);
        Assert.NotNull(rg.IssueDate);
        Assert.Equal("BRA", cin.Nacionalidade);
        Assert.NotNull(cin.ExpiryDate);
        Assert.Equal("MARIA DA", passport.Nome);
        Assert.Equal("SILVA", passport.Sobrenome);
        Assert.Equal("SR/DPF/DF", passport.Autoridade);
        Assert.Empty(unknown.FieldNames);
    }

    [Fact]
    public void The_same_arguments_build_the_same_process()
    {
        const string Id = "0b8f7f0e-5a5e-4b52-9a55-5d1f0f0c2d11";
        var at = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

        var first = IdCloudModelFactory.Process(EmulatedOutcome.Approved, Flow.IdUnicoDocsSign, OcrDocumentCode.Cin, Id, at);
        var second = IdCloudModelFactory.Process(EmulatedOutcome.Approved, Flow.IdUnicoDocsSign, OcrDocumentCode.Cin, Id, at);

        Assert.Equal(at, first.CreatedAt);
        Assert.Equal(at.AddMinutes(4), first.FinishedAt);
        Assert.Equal(first.AuthenticationInfo!.AuthenticationId, second.AuthenticationInfo!.AuthenticationId);
        Assert.Equal(first.Services![0].EnvelopeId, second.Services![0].EnvelopeId);
        Assert.NotEqual(first.Services[0].EnvelopeId, IdCloudModelFactory.Process(EmulatedOutcome.Approved, Flow.IdUnicoDocsSign).Services![0].EnvelopeId);
    }

    [Fact]
    public void A_captured_response_is_read_with_or_without_its_envelope()
    {
        const string Process = """{"id":"p-1","flow":"idlive","state":"PROCESS_STATE_FINISHED","result":"PROCESS_RESULT_OK","authenticationInfo":{"livenessResult":"LIVENESS_RESULT_LIVE"},"somethingNew":{"x":1}}""";

        var bare = IdCloudModelFactory.ProcessFromJson(Process);
        var wrapped = IdCloudModelFactory.ProcessFromJson("""{"process":""" + Process + "}");

        Assert.Equal("p-1", bare.Id);
        Assert.Equal(IdCloudProcessOutcome.Approved, bare.Interpret().Outcome);
        Assert.Equal("p-1", wrapped.Id);
        // Unknown fields are kept, as from the API (in the internal extension data, which the serializer writes back).
        var unknown = (IDictionary<string, object>)typeof(IdCloudProcess)
            .GetProperty("AdditionalProperties", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .GetValue(wrapped)!;
        Assert.True(unknown.ContainsKey("somethingNew"));
        Assert.ThrowsAny<JsonException>(() => IdCloudModelFactory.ProcessFromJson("[1]"));
        Assert.ThrowsAny<JsonException>(() => IdCloudModelFactory.ProcessFromJson("not json"));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdCloudModelFactory.Process((EmulatedOutcome)99));
        Assert.Throws<ArgumentException>(() => IdCloudModelFactory.Process(EmulatedOutcome.Approved, processId: " "));
        Assert.Throws<ArgumentNullException>(() => IdCloudModelFactory.ProcessFromJson(null!));
    }
}
