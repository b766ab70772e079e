using System.Text;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Diagnostics;
using Unico.IdCloud.Client.Validation;

namespace Unico.IdCloud.Client.Tests.Validation;

public sealed class CreateProcessRequestValidatorTests
{
    private const string ValidCpf = "73689290074";
    private const string ValidPhone = "5511998765678";
    private const string ValidEmail = "maria.souza@example.com";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");

    private readonly CreateProcessRequestValidator _validator = new();

    [Fact]
    public void A_liveness_request_with_the_documented_fields_is_valid()
    {
        _validator.Validate(Liveness());
    }

    [Fact]
    public void A_complete_signature_request_is_valid()
    {
        _validator.Validate(Signature());
    }

    [Fact]
    public void A_complete_one_to_one_request_is_valid()
    {
        var request = Liveness(Flow.IdToken);
        request.BioTokenId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

        _validator.Validate(request);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("https://example.com/return?x=1")]
    [InlineData("br.com.meupacote.app://callback")]
    [InlineData("myapp://done")]
    [InlineData("/return")] // the vendor's samples send paths ("/path/to/url"): see VendorDocs/VendorDocsProbeTests
    [InlineData("/path/to/callback-url/")]
    public void Accepted_callback_uris(string callbackUri)
    {
        var request = Liveness();
        request.CallbackUri = callbackUri;

        Assert.Empty(_validator.GetErrors(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("http://example.com/return")]
    [InlineData("//example.com/return")]
    [InlineData("/ret urn")]
    [InlineData("example.com/return")]
    [InlineData("mailto:someone@example.com")]
    public void Rejected_callback_uris_name_the_field(string callbackUri)
    {
        var request = Liveness();
        request.CallbackUri = callbackUri;

        AssertSingleError(request, "callbackUri");
    }

    [Fact]
    public void A_missing_flow_names_the_field()
    {
        var request = Liveness(default(Flow));

        AssertSingleError(request, "flow");
    }

    [Fact]
    public void A_missing_purpose_names_the_field()
    {
        var request = Liveness();
        request.Purpose = default;

        AssertSingleError(request, "purpose");
    }

    [Fact]
    public void An_unknown_flow_or_purpose_is_let_through()
    {
        var request = Liveness(Flow.From("idfuture"));
        request.Purpose = Purpose.From("newpurpose");

        Assert.Empty(_validator.GetErrors(request));
    }

    [Theory]
    [InlineData("73689290075")]
    [InlineData("11111111111")]
    [InlineData("736.892.900-74")]
    [InlineData("7368929007")]
    [InlineData("")]
    public void A_bad_cpf_names_the_field_without_repeating_it(string cpf)
    {
        var request = Liveness();
        request.Person!.DuiValue = cpf;

        var error = AssertSingleError(request, "person.duiValue");
        if (cpf.Length > 0)
        {
            Assert.DoesNotContain(cpf, error.Message);
            Assert.DoesNotContain(cpf, new IdCloudValidationException([error]).Message);
        }
    }

    [Fact]
    public void A_duiValue_of_another_document_type_is_not_checked_as_a_cpf()
    {
        var request = Liveness();
        request.Person!.DuiType = DuiType.MxCurp;
        request.Person.DuiValue = "GODE561231HDFRRN09";

        Assert.Empty(_validator.GetErrors(request));
    }

    [Fact]
    public void A_friendly_name_over_50_characters_names_the_field()
    {
        var request = Liveness();
        request.Person!.FriendlyName = new string('a', 51);

        var error = AssertSingleError(request, "person.friendlyName");
        Assert.Contains("51", error.Message);
    }

    [Fact]
    public void A_friendly_name_of_50_accented_characters_is_accepted()
    {
        var request = Liveness();
        request.Person!.FriendlyName = new string('ã', 50);

        Assert.Empty(_validator.GetErrors(request));
    }

    [Theory]
    [InlineData("NOTIFICATION_CHANNEL_WHATSAPP", "+5511998765678")]
    [InlineData("NOTIFICATION_CHANNEL_WHATSAPP", "11998765678")]
    [InlineData("NOTIFICATION_CHANNEL_SMS", "55 11 99876-5678")]
    [InlineData("NOTIFICATION_CHANNEL_SMS", null)]
    public void A_phone_that_is_not_13_digits_is_rejected_when_whatsapp_or_sms_is_asked(string channel, string? phone)
    {
        var request = Liveness();
        request.Person!.Phone = phone;
        request.Person.Notifications = [new NotificationChannel(channel)];

        var error = AssertSingleError(request, "person.phone");
        if (phone is not null)
        {
            Assert.DoesNotContain(phone, error.Message);
        }
    }

    [Fact]
    public void A_phone_is_not_checked_without_a_phone_notification()
    {
        var request = Liveness();
        request.Person!.Phone = "123";

        Assert.Empty(_validator.GetErrors(request));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("maria.souza")]
    [InlineData("maria souza@example.com")]
    [InlineData("maria@example")]
    public void A_bad_email_is_rejected_when_an_email_notification_is_asked(string? email)
    {
        var request = Liveness();
        request.Person!.Email = email;
        request.Person.Notifications = [NotificationChannel.Email];

        var error = AssertSingleError(request, "person.email");
        if (email is not null)
        {
            Assert.DoesNotContain(email, error.Message);
        }
    }

    [Fact]
    public void An_email_is_required_in_signature_flows()
    {
        var request = Signature();
        request.Person!.Email = null;

        var error = AssertSingleError(request, "person.email");
        Assert.Contains("idunicosign", error.Message);
    }

    [Fact]
    public void A_signature_flow_without_payload_names_the_payload()
    {
        var request = Signature();
        request.Payload = null;

        AssertSingleError(request, "payload");
    }

    [Fact]
    public void A_signature_flow_with_an_empty_document_list_names_the_documents()
    {
        var request = Signature();
        request.Payload![0].Documents = [];

        AssertSingleError(request, "payload[0].envelopePayload.documents");
    }

    [Fact]
    public void A_missing_envelope_names_it()
    {
        var request = Signature();
        request.Payload = [null!];

        AssertSingleError(request, "payload[0].envelopePayload");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_document_without_a_name_names_its_path(string? name)
    {
        var request = Signature(documents: 2);
        request.Payload![0].Documents![1].DocumentName = name;

        AssertSingleError(request, "payload[0].envelopePayload.documents[1].documentName");
    }

    [Fact]
    public void A_document_that_is_not_a_pdf_names_its_contents()
    {
        var request = Signature(documents: 2);
        request.Payload![0].Documents![1].FileContents = Encoding.ASCII.GetBytes("PK\u0003\u0004 a zip file");

        var error = AssertSingleError(request, "payload[0].envelopePayload.documents[1].fileContents");
        Assert.Contains("%PDF-", error.Message);
    }

    [Fact]
    public void Empty_missing_or_invalid_base64_document_contents_are_rejected()
    {
        var request = Signature(documents: 3);
        var documents = request.Payload![0].Documents!;
        documents[0].FileContents = ReadOnlyMemory<byte>.Empty;
        documents[1].FileContents = null;
        documents[2].FileContentsBase64 = Base64Content.FromBase64String("JVBERi0x[...]Cg==");

        var errors = _validator.GetErrors(request);

        Assert.Equal(
            [
                "payload[0].envelopePayload.documents[0].fileContents",
                "payload[0].envelopePayload.documents[1].fileContents",
                "payload[0].envelopePayload.documents[2].fileContents",
            ],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void A_one_to_one_flow_needs_a_bio_token_id()
    {
        var request = Liveness(Flow.IdToken);

        AssertSingleError(request, "bioTokenId");
    }

    [Fact]
    public void A_bio_token_id_must_be_a_guid()
    {
        var request = Liveness(Flow.IdTransactional);
        request.BioTokenId = "not-a-guid";

        AssertSingleError(request, "bioTokenId");
    }

    /// <summary>
    /// facts §3 (CreateProcess request, official): "useCase — mandatory for idsmart". The SDK checks the other
    /// flow-specific requirements (bioTokenId, payload, email) before sending; this one was let through to a code 3.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void The_idsmart_flow_needs_a_use_case(string? useCase)
    {
        var request = Liveness(Flow.IdSmart);
        request.UseCase = useCase;

        var error = AssertSingleError(request, "useCase");
        Assert.Contains("idsmart", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_idsmart_request_with_a_use_case_is_valid_and_other_flows_need_none()
    {
        var smart = Liveness(Flow.IdSmart);
        smart.UseCase = "revalidation";

        Assert.Empty(_validator.GetErrors(smart));
        Assert.Empty(_validator.GetErrors(Liveness(Flow.Id)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void A_non_positive_expiry_names_the_field(int seconds)
    {
        var request = Liveness();
        request.ExpiresIn = TimeSpan.FromSeconds(seconds);

        AssertSingleError(request, "expiresIn");
    }

    [Fact]
    public void Several_problems_are_all_listed_in_one_exception()
    {
        var request = Signature(documents: 2, flow: Flow.IdTokenSign);
        request.BioTokenId = null;
        request.CallbackUri = "http://insecure.example.com";
        request.Purpose = default;
        request.Person!.DuiValue = "12345678900";
        request.Person.FriendlyName = new string('x', 60);
        request.Person.Email = "nope";
        request.Person.Notifications = [NotificationChannel.WhatsApp];
        request.Person.Phone = "119987";
        request.ExpiresIn = TimeSpan.Zero;
        request.Payload![0].Documents![1].FileContents = new byte[] { 1, 2, 3 };

        var error = Assert.Throws<IdCloudValidationException>(() => _validator.Validate(request));

        Assert.Equal(
            [
                "callbackUri",
                "bioTokenId",
                "person.duiValue",
                "person.friendlyName",
                "person.phone",
                "person.email",
                "purpose",
                "expiresIn",
                "payload[0].envelopePayload.documents[1].fileContents",
            ],
            error.Errors.Select(e => e.Field));
        Assert.Equal(IdCloudErrorKind.Validation, error.Kind);
        Assert.StartsWith("The request has 9 problems and was not sent: ", error.Message);
        Assert.DoesNotContain("12345678900", error.Message);
        Assert.DoesNotContain("119987", error.Message);
    }

    [Fact]
    public void A_deprecated_flow_logs_a_warning_instead_of_failing()
    {
        var log = new CapturingLogger();
        var validator = new CreateProcessRequestValidator(new CapturingLogger<CreateProcessRequestValidator>(log));

        validator.Validate(Liveness(Flow.IdCheck));

        var warning = Assert.Single(log.Events);
        Assert.Equal(2100, warning.EventId.Id);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("idcheck", warning.Message);
    }

    [Fact]
    public void A_current_flow_logs_nothing()
    {
        var log = new CapturingLogger();
        var validator = new CreateProcessRequestValidator(new CapturingLogger<CreateProcessRequestValidator>(log));

        validator.Validate(Liveness());

        Assert.Empty(log.Events);
    }

    private IdCloudValidationError AssertSingleError(CreateProcessRequest request, string field)
    {
        var exception = Assert.Throws<IdCloudValidationException>(() => _validator.Validate(request));
        var error = Assert.Single(exception.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(field + ":", exception.Message);
        return error;
    }

    private static CreateProcessRequest Liveness(Flow? flow = null) => new()
    {
        CallbackUri = "/",
        Flow = flow ?? Flow.IdLive,
        Purpose = Purpose.CreditProcess,
        Person = new ProcessPerson
        {
            DuiType = DuiType.BrCpf,
            DuiValue = ValidCpf,
            FriendlyName = "Maria Souza",
        },
    };

    private static CreateProcessRequest Signature(int documents = 1, Flow? flow = null)
    {
        var request = Liveness(flow ?? Flow.IdUnicoSign);
        if (request.Flow.Has(FlowCapabilities.OneToOneValidation))
        {
            request.BioTokenId = Guid.NewGuid().ToString();
        }

        request.Person!.Email = ValidEmail;
        request.Person.Phone = ValidPhone;
        request.Payload =
        [
            new EnvelopePayload
            {
                Documents = Enumerable.Range(0, documents)
                    .Select(i => new EnvelopeDocument { DocumentName = $"contract-{i}.pdf", FileContents = Pdf })
                    .ToList(),
            },
        ];
        return request;
    }
}
