using System.Net;
using System.Text.Json.Nodes;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>CreateProcess rejects what the real service rejects, with the vendor's code 3 messages.</summary>
public sealed class CreateProcessValidationTests(EmulatorFixture fixture) : CreateProcessValidationTests<EmulatorFixture>(fixture);

/// <summary>The same tests against the in-memory emulator (no sockets): the behaviour must not differ.</summary>
public sealed class InMemoryCreateProcessValidationTests(InMemoryFixture fixture) : CreateProcessValidationTests<InMemoryFixture>(fixture);

/// <summary>The tests, for either mode.</summary>
/// <typeparam name="TFixture">Starts the emulator over sockets or in memory.</typeparam>
public abstract class CreateProcessValidationTests<TFixture>(TFixture fixture) : EmulatorTest<TFixture>(fixture)
    where TFixture : EmulatorFixture
{
    [Fact]
    public async Task An_unknown_flow_is_invalid()
    {
        await AssertInvalidAsync(b => b["flow"] = "idnothing", "invalid flow");
    }

    [Fact]
    public async Task An_unknown_purpose_is_invalid()
    {
        await AssertInvalidAsync(b => b["purpose"] = "VERIFICATION", "invalid purpose");
    }

    [Fact]
    public async Task A_friendly_name_over_50_characters_is_invalid()
    {
        await AssertInvalidAsync(b => b["person"]!["friendlyName"] = new string('a', 51), "invalid person: friendly name exceeds 50 characters.");
    }

    [Fact]
    public async Task A_friendly_name_of_exactly_50_characters_with_accents_is_valid()
    {
        await AssertValidAsync(b => b["person"]!["friendlyName"] = new string('ã', 50));
    }

    [Fact]
    public async Task An_empty_callback_uri_is_invalid()
    {
        await AssertInvalidAsync(b => b["callbackUri"] = "", "invalid callbackUri: unable to parse callbackUri: parse \"\": empty url");
    }

    [Fact]
    public async Task A_missing_callback_uri_is_invalid()
    {
        await AssertInvalidAsync(b => b.Remove("callbackUri"), "invalid callbackUri: unable to parse callbackUri: parse \"\": empty url");
    }

    [Theory]
    [InlineData("http://example.com/callback")]
    [InlineData("https://exa mple.com")]
    public async Task A_malformed_callback_uri_is_invalid(string uri)
    {
        await AssertInvalidAsync(b => b["callbackUri"] = uri, "invalid callbackUri: url: " + uri);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/path/to/url")]
    [InlineData("https://developers.unico.io/callback")]
    [InlineData("br.com.meupacote.app://callback")]
    public async Task Documented_callback_forms_are_valid(string uri)
    {
        await AssertValidAsync(b => b["callbackUri"] = uri);
    }

    [Fact]
    public async Task Email_notification_without_email_is_invalid()
    {
        await AssertInvalidAsync(
            b =>
            {
                b["flow"] = "id";
                b["person"]!.AsObject().Remove("email");
                b["person"]!["notifications"] = new JsonArray(new JsonObject { ["notificationChannel"] = "NOTIFICATION_CHANNEL_EMAIL" });
            },
            "invalid person: email required for notification channel NOTIFICATION_CHANNEL_EMAIL");
    }

    [Fact]
    public async Task Email_notification_with_a_bad_email_is_invalid()
    {
        await AssertInvalidAsync(
            b =>
            {
                b["person"]!["email"] = "luke-at-example.com";
                b["person"]!["notifications"] = new JsonArray(new JsonObject { ["notificationChannel"] = "NOTIFICATION_CHANNEL_EMAIL" });
            },
            "invalid person: invalid email address for notification channel NOTIFICATION_CHANNEL_EMAIL");
    }

    [Fact]
    public async Task WhatsApp_notification_without_phone_is_invalid()
    {
        await AssertInvalidAsync(
            b => b["person"]!["notifications"] = new JsonArray(new JsonObject { ["notificationChannel"] = "NOTIFICATION_CHANNEL_WHATSAPP" }),
            "invalid person: phone number required for notification channel NOTIFICATION_CHANNEL_WHATSAPP");
    }

    [Theory]
    [InlineData("NOTIFICATION_CHANNEL_WHATSAPP", "11912345678")]
    [InlineData("NOTIFICATION_CHANNEL_SMS", "+5511912345678")]
    public async Task A_phone_that_is_not_13_characters_is_invalid(string channel, string phone)
    {
        await AssertInvalidAsync(
            b =>
            {
                b["person"]!["phone"] = phone;
                b["person"]!["notifications"] = new JsonArray(new JsonObject { ["notificationChannel"] = channel });
            },
            "invalid person: phone number does not contain 13 chars for notification channel " + channel);
    }

    [Fact]
    public async Task A_13_character_phone_with_sms_and_whatsapp_is_valid()
    {
        var process = await AssertValidAsync(b =>
        {
            b["person"]!["phone"] = "5511912345678";
            b["person"]!["notifications"] = new JsonArray(
                new JsonObject { ["notificationChannel"] = "NOTIFICATION_CHANNEL_WHATSAPP" },
                new JsonObject { ["notificationChannel"] = "NOTIFICATION_CHANNEL_SMS" });
        });

        Assert.Equal(2, process["person"]!["notifications"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("73689290075")] // wrong check digit
    [InlineData("11111111111")] // passes the arithmetic, but is a known invalid CPF
    [InlineData("736.892.900-74")] // formatted: duiValue is digits only
    [InlineData("7368929007")]
    public async Task An_invalid_cpf_is_invalid(string cpf)
    {
        await AssertInvalidAsync(b => b["person"]!["duiValue"] = cpf, "idnsv2/GetPublicID request error: rpc error: code = InvalidArgument desc = invalid dui value");
    }

    [Theory]
    [InlineData("73689290074")]
    [InlineData("12345678909")]
    public async Task The_vendors_sample_cpfs_are_valid(string cpf)
    {
        await AssertValidAsync(b => b["person"]!["duiValue"] = cpf);
    }

    // The vendor's Create Process reference (developer.unico.io, Web & SDK, "person.duiType — enum — yes — Document type.
    // Accepted values: DUI_TYPE_BR_CPF, DUI_TYPE_MX_CURP, ... DUI_TYPE_NG_BVN"): a value outside that list is not accepted.
    [Theory]
    [InlineData("DUI_TYPE_PASSPORT")]
    [InlineData("DUI_TYPE_BR_RG")]
    [InlineData("DUI_TYPE_UNSPECIFIED")]
    public async Task A_dui_type_outside_the_documented_list_is_invalid(string duiType)
    {
        await AssertInvalidAsync(b => b["person"]!["duiType"] = duiType, "invalid person: invalid dui type");
    }

    [Theory]
    [InlineData("DUI_TYPE_MX_CURP")]
    [InlineData("DUI_TYPE_US_SSN")]
    [InlineData("DUI_TYPE_BR_PASSPORT")]
    [InlineData("DUI_TYPE_AR_PASSPORT")]
    [InlineData("DUI_TYPE_AR_DNI")]
    [InlineData("DUI_TYPE_NG_NIN")]
    [InlineData("DUI_TYPE_CL_RUN")]
    [InlineData("DUI_TYPE_EC_NI")]
    [InlineData("DUI_TYPE_US_PASSPORT")]
    [InlineData("DUI_TYPE_GT_CUI")]
    [InlineData("DUI_TYPE_UY_CI")]
    [InlineData("DUI_TYPE_ZZ_EMAIL")]
    [InlineData("DUI_TYPE_ID_NIK")]
    [InlineData("DUI_TYPE_ZZ_PHONE_NUMBER")]
    [InlineData("DUI_TYPE_US_DRIVER_LICENSE")]
    [InlineData("DUI_TYPE_NG_BVN")]
    public async Task Every_documented_dui_type_is_valid(string duiType)
    {
        await AssertValidAsync(b => b["person"]!["duiType"] = duiType);
    }

    [Fact]
    public async Task An_e_signature_flow_without_payload_is_invalid()
    {
        await AssertInvalidAsync(b => b.Remove("payload"), "invalid payload: envelopePayload.documents with documentName and fileContents is required for flow idunicodocssign");
    }

    [Fact]
    public async Task An_e_signature_document_that_is_not_a_pdf_is_invalid()
    {
        await AssertInvalidAsync(
            b => b["payload"]![0]!["envelopePayload"]!["documents"]![0]!["fileContents"] = Convert.ToBase64String("hello"u8.ToArray()),
            "invalid payload: fileContents of document contrato is not a base64-encoded PDF");
    }

    [Fact]
    public async Task A_flow_without_signature_needs_no_payload()
    {
        await AssertValidAsync(b =>
        {
            b["flow"] = "idlive";
            b.Remove("payload");
        });
    }

    [Fact]
    public async Task A_one_to_one_flow_needs_a_bio_token_id()
    {
        await AssertInvalidAsync(b => b["flow"] = "idtoken", "invalid bioTokenId: bioTokenId is required for flow idtoken");
        var enrolment = (await CreateProcessAsync(await TokenAsync(), EmulatorHttp.CreateBody("idlive"))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(enrolment, EmulatedOutcome.Approved);
        await AssertValidAsync(b =>
        {
            b["flow"] = "idtoken";
            b["bioTokenId"] = enrolment;
        });
    }

    [Theory]
    [InlineData("3600")]
    [InlineData("1h")]
    [InlineData("-5s")]
    public async Task A_malformed_expires_in_is_invalid(string expiresIn)
    {
        await AssertInvalidAsync(b => b["expiresIn"] = expiresIn, "invalid expiresIn: use a duration in seconds with a trailing s, such as \"3600s\"");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_invalid()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, "{not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("3", (await EmulatorHttp.ReadApiErrorAsync(response)).Code);
    }

    [Fact]
    public async Task Rejected_requests_create_nothing()
    {
        await AssertInvalidAsync(b => b["flow"] = "nope", "invalid flow");

        Assert.Equal(0, Emulator.ProcessCreationCount);
    }

    private async Task AssertInvalidAsync(Action<JsonObject> change, string description)
    {
        var body = JsonNode.Parse(EmulatorHttp.CreateBody())!.AsObject();
        change(body);
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, body.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("3", description), await EmulatorHttp.ReadApiErrorAsync(response));
    }

    private async Task<JsonNode> AssertValidAsync(Action<JsonObject> change)
    {
        var body = JsonNode.Parse(EmulatorHttp.CreateBody())!.AsObject();
        change(body);
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, body.ToJsonString()));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["process"]!;
    }
}
