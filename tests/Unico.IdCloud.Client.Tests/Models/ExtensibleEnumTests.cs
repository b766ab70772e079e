using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Models;

public class ExtensibleEnumTests
{
    private static readonly ModelsTestJsonContext Context = ModelsTestJsonContext.Default;

    [Fact]
    public void Unknown_process_state_is_kept_verbatim_and_written_back_unchanged() =>
        AssertUnknownRoundTrips("PROCESS_STATE_PAUSED", Context.ProcessState);

    [Fact]
    public void Unknown_purpose_from_the_vendor_sample_is_kept() =>
        AssertUnknownRoundTrips("VERIFICATION", Context.Purpose);

    [Fact]
    public void Lowercase_capacity_from_the_vendor_sample_is_kept() =>
        AssertUnknownRoundTrips("liveness", Context.ProcessCapacity);

    [Fact]
    public void Misspelt_trust_result_from_the_vendor_sample_is_kept_not_corrected()
    {
        AssertUnknownRoundTrips("TRUST_RESULT_UNSPECIFIE", Context.TrustResult);
        Assert.NotEqual(TrustResult.Unspecified, TrustResult.From("TRUST_RESULT_UNSPECIFIE"));
    }

    [Fact]
    public void Other_unknown_values_are_kept()
    {
        AssertUnknownRoundTrips("email", Context.NotificationChannel);
        AssertUnknownRoundTrips("idunicodocs_r2", Context.Flow);
        AssertUnknownRoundTrips("DUI_TYPE_PASSPORT", Context.DuiType);
        AssertUnknownRoundTrips("PROCESS_RESULT_SOMETHING_NEW", Context.ProcessResult);
        AssertUnknownRoundTrips("CRLV", Context.OcrDocumentCode);
        AssertUnknownRoundTrips("", Context.LivenessResult);
        AssertUnknownRoundTrips("with \"quotes\" and ünicode", Context.ScoreEnabled);
    }

    [Fact]
    public void Every_known_member_round_trips()
    {
        AssertKnownRoundTrip(Context.Flow);
        AssertKnownRoundTrip(Context.Purpose);
        AssertKnownRoundTrip(Context.DuiType);
        AssertKnownRoundTrip(Context.NotificationChannel);
        AssertKnownRoundTrip(Context.ProcessState);
        AssertKnownRoundTrip(Context.ProcessResult);
        AssertKnownRoundTrip(Context.AuthenticationResult);
        AssertKnownRoundTrip(Context.LivenessResult);
        AssertKnownRoundTrip(Context.TrustResult);
        AssertKnownRoundTrip(Context.BioTokenEngineResult);
        AssertKnownRoundTrip(Context.ScoreEnabled);
        AssertKnownRoundTrip(Context.ProcessCapacity);
        AssertKnownRoundTrip(Context.OcrDocumentCode);
    }

    // The wire strings typed out independently of the source, so a typo in either place fails.
    [Fact]
    public void Known_wire_values_match_the_documentation()
    {
        AssertWireValues<ProcessState>("PROCESS_STATE_UNSPECIFIED", "PROCESS_STATE_CREATED", "PROCESS_STATE_AWAITING_FOR_DOCUMENT", "PROCESS_STATE_FINISHED", "PROCESS_STATE_FAILED", "PROCESS_STATE_CANCELED");
        AssertWireValues<ProcessResult>("PROCESS_RESULT_UNSPECIFIED", "PROCESS_RESULT_OK", "PROCESS_RESULT_ERROR", "PROCESS_RESULT_INVALID_IDENTITY", "PROCESS_RESULT_EXPIRED", "PROCESS_RESULT_WARNING", "PROCESS_RESULT_REFUSED");
        AssertWireValues<AuthenticationResult>("AUTHENTICATION_RESULT_UNSPECIFIED", "AUTHENTICATION_RESULT_POSITIVE", "AUTHENTICATION_RESULT_NEGATIVE", "AUTHENTICATION_RESULT_INCONCLUSIVE");
        AssertWireValues<LivenessResult>("LIVENESS_RESULT_UNSPECIFIED", "LIVENESS_RESULT_LIVE", "LIVENESS_RESULT_NOT_LIVE");
        AssertWireValues<TrustResult>("TRUST_RESULT_UNSPECIFIED", "TRUST_RESULT_YES", "TRUST_RESULT_INCONCLUSIVE");
        AssertWireValues<BioTokenEngineResult>("BIO_TOKEN_ENGINE_RESULT_UNSPECIFIED", "BIO_TOKEN_ENGINE_RESULT_POSITIVE", "BIO_TOKEN_ENGINE_RESULT_NEGATIVE");
        AssertWireValues<ScoreEnabled>("SCORE_ENABLED_UNSPECIFIED", "SCORE_ENABLED_TRUE", "SCORE_ENABLED_FALSE");
        AssertWireValues<ProcessCapacity>("PROCESS_CAPACITY_UNSPECIFIED", "PROCESS_CAPACITY_IDLIVE", "PROCESS_CAPACITY_IDUNICO", "PROCESS_CAPACITY_IDCHECK", "PROCESS_CAPACITY_IDDOCS", "PROCESS_CAPACITY_IDSIGN", "PROCESS_CAPACITY_IDTOKEN", "PROCESS_CAPACITY_IDTRUST", "PROCESS_CAPACITY_IDSERPRO");
        AssertWireValues<OcrDocumentCode>("CNH", "RG", "CIN", "PASSAPORTE", "UNKNOWN");
        AssertWireValues<Purpose>("creditprocess", "biometryonboarding", "carpurchase", "ageverification");
        AssertWireValues<NotificationChannel>("NOTIFICATION_CHANNEL_WHATSAPP", "NOTIFICATION_CHANNEL_SMS", "NOTIFICATION_CHANNEL_EMAIL");
        AssertWireValues<DuiType>(
            "DUI_TYPE_BR_CPF", "DUI_TYPE_MX_CURP", "DUI_TYPE_US_SSN", "DUI_TYPE_BR_PASSPORT", "DUI_TYPE_AR_PASSPORT",
            "DUI_TYPE_AR_DNI", "DUI_TYPE_NG_NIN", "DUI_TYPE_CL_RUN", "DUI_TYPE_EC_NI", "DUI_TYPE_US_PASSPORT",
            "DUI_TYPE_GT_CUI", "DUI_TYPE_UY_CI", "DUI_TYPE_ZZ_EMAIL", "DUI_TYPE_ID_NIK", "DUI_TYPE_ZZ_PHONE_NUMBER",
            "DUI_TYPE_US_DRIVER_LICENSE", "DUI_TYPE_NG_BVN");
    }

    [Fact]
    public void Named_members_carry_the_expected_wire_strings()
    {
        Assert.Equal("PROCESS_STATE_FINISHED", ProcessState.Finished.Value);
        Assert.Equal("PROCESS_RESULT_INVALID_IDENTITY", ProcessResult.InvalidIdentity.Value);
        Assert.Equal("idunicosign", Flow.IdUnicoSign.Value);
        Assert.Equal("DUI_TYPE_BR_CPF", DuiType.BrCpf.Value);
        Assert.Equal("NOTIFICATION_CHANNEL_WHATSAPP", NotificationChannel.WhatsApp.Value);
        Assert.Equal("LIVENESS_RESULT_NOT_LIVE", LivenessResult.NotLive.Value);
        Assert.Equal("SCORE_ENABLED_TRUE", ScoreEnabled.True.Value);
        Assert.Equal("PASSAPORTE", OcrDocumentCode.Passaporte.Value);
        Assert.True(OcrDocumentCode.Unknown.IsKnown);
    }

    [Fact]
    public void Comparison_is_ordinal_and_case_sensitive()
    {
        var lower = ProcessState.From("process_state_finished");
        Assert.False(lower.IsKnown);
        Assert.NotEqual(ProcessState.Finished, lower);
        Assert.True(ProcessState.Finished != lower);
        Assert.True(ProcessState.From("PROCESS_STATE_FINISHED") == ProcessState.Finished);
        Assert.Equal(ProcessState.Finished, new ProcessState("PROCESS_STATE_FINISHED"));
        Assert.Equal(ProcessState.Finished, (ProcessState)"PROCESS_STATE_FINISHED");
        Assert.Equal(ProcessState.Finished.GetHashCode(), ProcessState.From("PROCESS_STATE_FINISHED").GetHashCode());
        Assert.True(ProcessState.Finished.Equals((object)ProcessState.From("PROCESS_STATE_FINISHED")));
        Assert.False(ProcessState.Finished.Equals((object)"PROCESS_STATE_FINISHED"));
        Assert.Equal("PROCESS_STATE_FINISHED", ProcessState.Finished.ToString());
        Assert.Equal("PROCESS_STATE_FINISHED", $"{ProcessState.Finished}");
    }

    [Fact]
    public void Default_value_is_empty_and_unknown_and_does_not_throw()
    {
        var state = default(ProcessState);
        Assert.Equal(string.Empty, state.Value);
        Assert.Equal(string.Empty, state.ToString());
        Assert.False(state.IsKnown);
        Assert.NotEqual(ProcessState.Unspecified, state);
        _ = state.GetHashCode();

        var flow = default(Flow);
        Assert.Equal(FlowCapabilities.None, flow.Capabilities);
        Assert.False(flow.IsDeprecated);
        Assert.Equal("\"\"", JsonSerializer.Serialize(flow, Context.Flow));
    }

    [Fact]
    public void Null_is_rejected_by_the_factories()
    {
        Assert.Throws<ArgumentNullException>(() => ProcessState.From(null!));
        Assert.Throws<ArgumentNullException>(() => new Flow(null!));
        Assert.Throws<ArgumentNullException>(() => (Purpose)(string)null!);
    }

    [Fact]
    public void Json_null_reads_as_a_null_nullable_property()
    {
        var holder = JsonSerializer.Deserialize("""{"state":null,"flow":"idtoken"}""", Context.EnumHolder)!;
        Assert.Null(holder.State);
        Assert.Equal(Flow.IdToken, holder.Flow);
        Assert.Equal("""{"state":null,"flow":"idtoken"}""", JsonSerializer.Serialize(holder, Context.EnumHolder));
    }

    [Theory]
    [InlineData("""{"state":3}""", "Number")]
    [InlineData("""{"state":true}""", "True")]
    [InlineData("""{"state":{}}""", "StartObject")]
    [InlineData("""{"state":["PROCESS_STATE_FINISHED"]}""", "StartArray")]
    public void Non_string_tokens_fail_with_a_clear_message(string json, string token)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, Context.EnumHolder));
        Assert.Contains(nameof(ProcessState), ex.Message, StringComparison.Ordinal);
        Assert.Contains(token, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_work_as_dictionary_keys()
    {
        var json = """{"idunicosign":1,"idnew":2}""";
        var map = JsonSerializer.Deserialize(json, Context.DictionaryFlowInt32)!;
        Assert.Equal(1, map[Flow.IdUnicoSign]);
        Assert.Equal(2, map[Flow.From("idnew")]);
        Assert.Equal(json, JsonSerializer.Serialize(map, Context.DictionaryFlowInt32));
    }

    [Fact]
    public void Converter_works_with_options_that_have_no_context()
    {
        // The [JsonConverter] attribute is on the type, so even plain options built from a resolver find it.
        var options = new JsonSerializerOptions { TypeInfoResolver = ModelsTestJsonContext.Default };
        Assert.Equal("\"PROCESS_STATE_PAUSED\"", JsonSerializer.Serialize(ProcessState.From("PROCESS_STATE_PAUSED"), options));
        Assert.Equal(Flow.Id, JsonSerializer.Deserialize<Flow>("\"id\"", options));
    }

    private static void AssertUnknownRoundTrips<T>(string raw, JsonTypeInfo<T> typeInfo)
        where T : struct, IExtensibleEnumValue<T>
    {
        var json = JsonSerializer.Serialize(raw, ModelsTestJsonContextStrings.Default.String);
        var value = JsonSerializer.Deserialize(json, typeInfo);
        Assert.Equal(raw, value.Value);
        Assert.Equal(raw, value.ToString());
        Assert.False(value.IsKnown);
        Assert.DoesNotContain(value, T.KnownValues);
        Assert.Equal(json, JsonSerializer.Serialize(value, typeInfo));
    }

    private static void AssertKnownRoundTrip<T>(JsonTypeInfo<T> typeInfo)
        where T : struct, IExtensibleEnumValue<T>
    {
        Assert.NotEmpty(T.KnownValues);
        Assert.Equal(T.KnownValues.Count, T.KnownValues.Select(v => v.Value).Distinct(StringComparer.Ordinal).Count());
        foreach (var known in T.KnownValues)
        {
            Assert.True(known.IsKnown, $"{typeof(T).Name} {known.Value} should be known");
            var json = JsonSerializer.Serialize(known, typeInfo);
            Assert.Equal($"\"{known.Value}\"", json);
            var read = JsonSerializer.Deserialize(json, typeInfo);
            Assert.Equal(known, read);
            Assert.True(read.IsKnown);
            Assert.True(T.From(known.Value).IsKnown);
        }
    }

    private static void AssertWireValues<T>(params string[] expected)
        where T : struct, IExtensibleEnumValue<T>
    {
        Assert.Equal(expected, T.KnownValues.Select(v => v.Value));
    }
}
