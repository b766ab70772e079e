using Unico.IdCloud.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Tests.Http;

public sealed class IdCloudErrorMapperTests
{
    private static readonly Uri ProcessUri = new("https://api.cadastro.uat.unico.app/client/v1/process");

    public static TheoryData<string, int, string, IdCloudErrorKind, string?, string> DocumentedProcessErrors() => new()
    {
        // operation, HTTP status, body, kind, code, description fragment — one row per line of the Errors section.
        { "CreateProcess", 400, """{"error":{"code":"3","description":"invalid flow"}}""", IdCloudErrorKind.InvalidArgument, "3", "invalid flow" },
        { "CreateProcess", 400, """{"error":{"code":"3","description":"invalid person: friendly name exceeds 50 characters."}}""", IdCloudErrorKind.InvalidArgument, "3", "friendly name exceeds 50 characters" },
        { "CreateProcess", 400, """{"error":{"code":"3","description":"invalid purpose"}}""", IdCloudErrorKind.InvalidArgument, "3", "invalid purpose" },
        { "CreateProcess", 400, """{"error":{"code":"3","description":"invalid callbackUri: unable to parse callbackUri: parse \"\": empty url, invalid callbackUri: url:"}}""", IdCloudErrorKind.InvalidArgument, "3", "invalid callbackUri" },
        { "CreateProcess", 400, """{"error":{"code":"3","description":"invalid person: email required for notification channel NOTIFICATION_CHANNEL_EMAIL, invalid email address for notification channel NOTIFICATION_CHANNEL_EMAIL"}}""", IdCloudErrorKind.InvalidArgument, "3", "email required for notification channel NOTIFICATION_CHANNEL_EMAIL" },
        { "CreateProcess", 400, """{"error":{"code":"3","description":"invalid person: phone number required for notification channel NOTIFICATION_CHANNEL_WHATSAPP, phone number does not contain 13 chars for notification channel NOTIFICATION_CHANNEL_WHATSAPP"}}""", IdCloudErrorKind.InvalidArgument, "3", "phone number does not contain 13 chars" },
        { "CreateProcess", 400, """{"error":{"code":"3","description":"idnsv2/GetPublicID request error: rpc error: code = InvalidArgument desc = invalid dui value"}}""", IdCloudErrorKind.InvalidArgument, "3", "invalid dui value" },
        { "CreateProcess", 400, """{"error":{"code":"9","description":"XX ID Apikeys are not set"}}""", IdCloudErrorKind.FailedPrecondition, "9", "XX ID Apikeys are not set" },
        { "CreateProcess", 500, """{"error":{"code":"99999","description":"Internal failure! Try again later"}}""", IdCloudErrorKind.ServerError, "99999", "Internal failure! Try again later" },
        { "GetProcess", 400, """{"error":{"code":"3","description":"process id is invalid"}}""", IdCloudErrorKind.InvalidArgument, "3", "process id is invalid" },
        { "GetProcess", 404, """{"error":{"code":"5","description":"error getting process: rpc error: code = NotFound desc = process not found"}}""", IdCloudErrorKind.NotFound, "5", "process not found" },
        { "GetProcess", 500, """{"error":{"code":"99999","description":"Internal failure! Try again later"}}""", IdCloudErrorKind.ServerError, "99999", "Internal failure" },
        { "GetSelfie", 403, """{"error":{"code":"7","description":"no permission"}}""", IdCloudErrorKind.PermissionDenied, "7", "no permission" },
        { "GetSelfie", 404, """{"error":{"code":"5","description":"error getting process: rpc error: code = NotFound desc = process not found"}}""", IdCloudErrorKind.NotFound, "5", "process not found" },
        { "GetEvidenceSet", 403, """{"error":{"code":"7","description":"no permission"}}""", IdCloudErrorKind.PermissionDenied, "7", "no permission" },
        { "GetEvidenceSet", 400, """{"error":{"code":"3","description":"process id is invalid"}}""", IdCloudErrorKind.InvalidArgument, "3", "process id is invalid" },
    };

    [Theory]
    [MemberData(nameof(DocumentedProcessErrors))]
    public async Task Every_documented_process_error_maps_to_its_kind_with_code_and_description(
        string operationName, int status, string body, IdCloudErrorKind kind, string? code, string description)
    {
        var operation = Operation(operationName);

        var error = await MapAsync(status, body, operation);

        Assert.Equal(kind, error.Kind);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(description, error.Description);
        Assert.Contains(description, error.Message);
        Assert.StartsWith(operationName + " failed: ", error.Message);
        Assert.Equal(ProcessUri.AbsolutePath, error.RequestUri!.AbsolutePath);
        // Every error answer is exactly an IdCloudApiException (429 aside); NotFound is a kind, not a type.
        Assert.IsType<IdCloudApiException>(error);
    }

    [Theory]
    [InlineData("Jwt header is an invalid JSON", "text/plain")]
    [InlineData("Jwt is expired", "text/plain")]
    [InlineData("""{"message":"Jwt is expired"}""", "application/json")]
    [InlineData("""{"message":"Jwt header is an invalid JSON"}""", "application/json")]
    [InlineData("\"Jwt is expired\"", "application/json")]
    public async Task A_401_in_plain_text_or_json_is_an_authentication_exception(string body, string mediaType)
    {
        var error = await MapAsync(401, body, IdCloudOperation.GetProcess, mediaType: mediaType);

        var auth = IdCloudAssert.IsAssignableFrom<IdCloudException>(IdCloudAssert.NoToken, error);
        Assert.Equal(IdCloudErrorKind.Unauthenticated, auth.Kind);
        Assert.StartsWith("Jwt ", auth.Description);
        Assert.Contains("environment", auth.Message);
        Assert.False(auth.IsConfigurationError);
    }

    [Fact]
    public async Task Error_code_sent_as_a_json_number_keeps_its_digits()
    {
        var asNumber = await MapAsync(404, """{"error":{"code":5,"description":"process not found"}}""", IdCloudOperation.GetProcess);
        var asString = await MapAsync(404, """{"error":{"code":"5","description":"process not found"}}""", IdCloudOperation.GetProcess);
        var large = await MapAsync(500, """{"error":{"code":99999,"description":"Internal failure! Try again later"}}""", IdCloudOperation.GetProcess);

        Assert.Equal("5", asNumber.ErrorCode);
        Assert.Equal("5", asString.ErrorCode);
        Assert.Equal("99999", large.ErrorCode);
        Assert.Equal(IdCloudErrorKind.ServerError, large.Kind);
        IdCloudAssert.IsType<IdCloudApiException>(IdCloudErrorKind.NotFound, asNumber);
    }

    [Fact]
    public async Task The_generic_error_template_with_a_message_field_maps_by_status()
    {
        var error = await MapAsync(404, """{"error":{"code":404,"message":"resource not found"}}""", IdCloudOperation.GetProcess);

        IdCloudAssert.IsType<IdCloudApiException>(IdCloudErrorKind.NotFound, error);
        Assert.Equal("404", error.ErrorCode);
        Assert.Equal("resource not found", error.Description);
    }

    [Fact]
    public async Task A_grpc_code_in_the_body_wins_over_the_http_status()
    {
        var error = await MapAsync(400, """{"error":{"code":"5","description":"process not found"}}""", IdCloudOperation.GetProcess);

        Assert.Equal(IdCloudErrorKind.NotFound, error.Kind);
        IdCloudAssert.IsType<IdCloudApiException>(IdCloudErrorKind.NotFound, error);
    }

    [Theory]
    [InlineData("""{"sucess":false,"message":"Falha ao consultar o arquivo do documento.","data":"Documento não existe."}""")]
    [InlineData("""{"success":false,"message":"Falha ao consultar o arquivo do documento.","data":"Documento não existe."}""")]
    public async Task Signature_api_success_message_data_shape_maps_with_its_text(string body)
    {
        var error = await MapAsync(404, body, IdCloudOperation.GetSignedDocument, api: IdCloudApi.Signature);

        IdCloudAssert.IsType<IdCloudApiException>(IdCloudErrorKind.NotFound, error);
        Assert.Equal("Falha ao consultar o arquivo do documento. Documento não existe.", error.Description);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task Signature_api_Message_StatusCode_Errors_shape_maps_with_its_text()
    {
        var error = await MapAsync(404, """{"Message":"Not Found - Documento não existe","StatusCode":404,"Errors":null}""", IdCloudOperation.GetSignatureEvidence, api: IdCloudApi.Signature);

        IdCloudAssert.IsType<IdCloudApiException>(IdCloudErrorKind.NotFound, error);
        Assert.Equal("Not Found - Documento não existe", error.Description);
    }

    [Fact]
    public async Task Signature_api_Errors_list_is_kept_in_the_description()
    {
        var error = await MapAsync(400, """{"Message":"Bad Request","StatusCode":400,"Errors":["documento inválido","envelope vazio"]}""", IdCloudOperation.GetSignedDocument, api: IdCloudApi.Signature);

        Assert.Equal(IdCloudErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Bad Request. documento inválido; envelope vazio", error.Description);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_404_with_a_null_or_missing_body_is_a_not_found_without_details(string? body)
    {
        var error = await MapAsync(404, body, IdCloudOperation.GetSignedDocument, api: IdCloudApi.Signature);

        var notFound = IdCloudAssert.IsType<IdCloudApiException>(IdCloudErrorKind.NotFound, error);
        Assert.Equal(IdCloudErrorKind.NotFound, notFound.Kind);
        Assert.Null(notFound.ErrorCode);
        Assert.Null(notFound.Description);
        Assert.Contains("No error details were sent", notFound.Message);
    }

    [Theory]
    [InlineData(502, IdCloudErrorKind.ServiceUnavailable)]
    [InlineData(503, IdCloudErrorKind.ServiceUnavailable)]
    [InlineData(504, IdCloudErrorKind.ServiceUnavailable)]
    [InlineData(500, IdCloudErrorKind.ServerError)]
    public async Task A_gateway_html_page_maps_by_status_and_is_never_copied_into_the_message(int status, IdCloudErrorKind kind)
    {
        const string html = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center><!-- upstream 10.0.0.12 user=joao@example.com --></body></html>";

        var error = await MapAsync(status, html, IdCloudOperation.GetProcess, mediaType: "text/html");

        Assert.Equal(kind, error.Kind);
        Assert.Null(error.Description);
        Assert.Contains("HTML page", error.Message);
        Assert.DoesNotContain("nginx", error.Message);
        Assert.DoesNotContain("joao", error.Message);
    }

    [Theory]
    [InlineData("""{"error":{"code":""")]
    [InlineData("""{"error":""")]
    [InlineData("[1,2,")]
    [InlineData("{\"error\":{\"code\":\"3\",\"description\":\"x\"}} trailing")]
    public async Task A_malformed_json_body_still_maps_by_status(string body)
    {
        var error = await MapAsync(400, body, IdCloudOperation.GetProcess);

        Assert.Equal(IdCloudErrorKind.InvalidArgument, error.Kind);
        Assert.Null(error.ErrorCode);
        Assert.Null(error.Description);
    }

    [Fact]
    public async Task A_binary_body_maps_by_status()
    {
        using var response = Response(500, null);
        response.Content = new ByteArrayContent([0x25, 0x50, 0x00, 0x01, 0xFF, 0xFE]);

        var error = await IdCloudErrorMapper.FromResponseAsync(response, IdCloudOperation.GetProcess, IdCloudApi.Process, default);

        Assert.Equal(IdCloudErrorKind.ServerError, error.Kind);
        Assert.Null(error.Description);
    }

    [Fact]
    public async Task A_body_that_breaks_while_being_read_still_gives_an_exception()
    {
        using var response = Response(503, null);
        response.Content = new StreamContent(new FailingStream());

        var error = await IdCloudErrorMapper.FromResponseAsync(response, IdCloudOperation.GetProcess, IdCloudApi.Process, default);

        Assert.Equal(IdCloudErrorKind.ServiceUnavailable, error.Kind);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task At_most_64_KB_of_an_error_body_are_read()
    {
        var endless = new EndlessStream();
        using var response = Response(500, null);
        response.Content = new StreamContent(endless);

        var error = await IdCloudErrorMapper.FromResponseAsync(response, IdCloudOperation.GetProcess, IdCloudApi.Process, default)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(IdCloudErrorKind.ServerError, error.Kind);
        Assert.InRange(endless.BytesRead, 1, IdCloudErrorBody.MaxBytes + (16 * 1024));
    }

    [Fact]
    public async Task Descriptions_are_one_bounded_line()
    {
        var longText = "first line\r\nsecond\tline " + new string('x', 5000);

        var error = await MapAsync(400, $$$"""{"error":{"code":"3","description":"{{{longText.Replace("\r\n", "\\r\\n").Replace("\t", "\\t")}}}"}}""", IdCloudOperation.GetProcess);

        Assert.StartsWith("first line second line x", error.Description);
        Assert.DoesNotContain('\n', error.Description!);
        Assert.True(error.Description!.Length <= IdCloudErrorMapper.MaxDescriptionLength);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Length < 1000, error.Message);
    }

    [Fact]
    public async Task Personal_data_and_tokens_echoed_by_the_service_are_masked()
    {
        const string body = """{"error":{"code":"3","description":"invalid email joao.silva@example.com for cpf 736.892.900-74 phone 5511998765678 token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl Bearer abc.def"}}""";

        var error = await MapAsync(400, body, IdCloudOperation.CreateProcess);
        var everything = error.Message + " " + error.Description + " " + error;

        Assert.DoesNotContain("joao.silva", everything);
        Assert.DoesNotContain("736.892.900-74", everything);
        Assert.DoesNotContain("73689290074", everything);
        Assert.DoesNotContain("5511998765678", everything);
        Assert.DoesNotContain("eyJhbGciOiJSUzI1NiJ9", everything);
        Assert.DoesNotContain("abc.def", everything);
        Assert.Contains("j***@example.com", error.Description);
        Assert.Contains("invalid email", error.Description);
    }

    [Fact]
    public async Task A_429_carries_Retry_After_in_delta_seconds()
    {
        using var response = Response(429, null);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(12));

        var error = await IdCloudErrorMapper.FromResponseAsync(response, IdCloudOperation.GetProcess, IdCloudApi.Process, default);

        var limited = Assert.IsType<IdCloudRateLimitedException>(error);
        Assert.Equal(IdCloudErrorKind.RateLimited, limited.Kind);
        Assert.Equal(TimeSpan.FromSeconds(12), limited.RetryAfter);
        Assert.Contains("Wait 12 s", limited.Message);
        Assert.False(limited.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task A_Retry_After_date_is_measured_from_the_response_Date()
    {
        var serverNow = new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero);
        using var response = Response(503, null);
        response.Headers.Date = serverNow;
        response.Headers.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(90));

        var error = await IdCloudErrorMapper.FromResponseAsync(response, IdCloudOperation.GetProcess, IdCloudApi.Process, default);

        Assert.Equal(IdCloudErrorKind.ServiceUnavailable, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
    }

    [Fact]
    public async Task A_Retry_After_date_without_a_response_Date_is_measured_with_the_time_provider()
    {
        var now = new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var clock = new ObservedTimeProvider(now);
        using var response = Response(429, null);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(30));

        var error = await IdCloudErrorMapper.FromResponseAsync(response, IdCloudOperation.GetProcess, IdCloudApi.Process, clock, default);

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Theory]
    [InlineData("x-request-id", "req-123", "req-123")]
    [InlineData("x-correlation-id", "corr-9", "corr-9")]
    [InlineData("request-id", "abc", "abc")]
    [InlineData("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "0af7651916cd43dd8448eb211c80319c")]
    public async Task The_request_id_comes_from_common_headers(string header, string value, string expected)
    {
        using var response = Response(500, null);
        response.Headers.TryAddWithoutValidation(header, value);

        var error = await IdCloudErrorMapper.FromResponseAsync(response, IdCloudOperation.GetProcess, IdCloudApi.Process, default);

        Assert.Equal(expected, error.RequestId);
        Assert.Contains("Request id: " + expected, error.Message);
    }

    [Fact]
    public async Task The_request_uri_loses_its_query_string_and_credentials()
    {
        using var response = Response(404, null, new Uri("https://user:secret@api.cadastro.uat.unico.app/client/v1/process/abc?access_token=xyz#frag"));

        var error = await IdCloudErrorMapper.FromResponseAsync(response, IdCloudOperation.GetProcess, IdCloudApi.Process, default);

        Assert.Equal(new Uri("https://api.cadastro.uat.unico.app/client/v1/process/abc"), error.RequestUri);
        Assert.Equal("GET", error.RequestMethod);
        Assert.DoesNotContain("secret", error.ToString());
        Assert.DoesNotContain("xyz", error.ToString());
    }

    /// <summary>The by Client Data Verification call carries the CPF in its path: the path is personal data there.</summary>
    [Theory]
    [InlineData("https://api.id.uat.unico.app/lists/73689290074", "https://api.id.uat.unico.app/lists/***.***.***-74")]
    [InlineData("https://api.id.uat.unico.app/lists/73689290074/?x=73689290074", "https://api.id.uat.unico.app/lists/***.***.***-74/")]
    [InlineData("http://127.0.0.1:5000/base/lists/12345678909", "http://127.0.0.1:5000/base/lists/***.***.***-09")]
    [InlineData("/lists/73689290074", "/lists/***.***.***-74")]
    [InlineData("https://api.id.uat.unico.app/processes/v1/8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11", "https://api.id.uat.unico.app/processes/v1/8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11")]
    [InlineData("https://api.id.uat.unico.app/lists/7368929007", "https://api.id.uat.unico.app/lists/7368929007")]
    public void The_safe_uri_masks_a_CPF_in_the_path_and_nothing_else(string uri, string expected)
    {
        var safe = IdCloudErrorMapper.SafeUri(new Uri(uri, uri.StartsWith('/') ? UriKind.Relative : UriKind.Absolute))!;

        Assert.Equal(expected, safe.OriginalString);
    }

    [Fact]
    public async Task A_by_Client_error_names_its_request_without_the_CPF_of_the_path()
    {
        using var response = Response(400, """{"error":{"code":"20507","description":"The CPF is invalid"}}""", new Uri("https://api.id.uat.unico.app/lists/73689290074"));

        var error = await IdCloudErrorMapper.FromResponseAsync(response, Unico.IdCloud.Client.ByClient.ByClientOperations.VerifyData, IdCloudApi.ByClient, default);

        Assert.Equal("/lists/***.***.***-74", error.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("73689290074", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(429, false)]
    public async Task Only_a_CreateProcess_answered_5xx_may_have_been_processed(int status, bool mayHaveBeenProcessed)
    {
        var create = await MapAsync(status, null, IdCloudOperation.CreateProcess);
        var get = await MapAsync(status, null, IdCloudOperation.GetProcess);

        Assert.Equal(mayHaveBeenProcessed, create.RequestMayHaveBeenProcessed);
        Assert.Equal(mayHaveBeenProcessed, create.Message.Contains("may have been created", StringComparison.Ordinal));
        Assert.False(get.RequestMayHaveBeenProcessed);
    }

    [Theory]
    [InlineData("1.2.22", true)]
    [InlineData("1.0.1", true)]
    [InlineData("1.2.18", true)]
    [InlineData("1.2.7", false)]
    [InlineData("1.2.4", true)]   // the clock: as the token provider's table says (TokenFailurePolicyTests), one table for both
    [InlineData("1.0.99", true)]  // an unknown tenant-family code is still about settings
    [InlineData("1.2.99", false)]
    public async Task Token_endpoint_errors_carry_the_dotted_code(string code, bool isConfigurationError)
    {
        var body = $$"""{"error":"server_error","error_description":"Falha na autenticação {{code}}"}""";

        var error = await MapAsync(401, body, IdCloudOperation.RequestToken, api: IdCloudApi.Identity);

        var auth = IdCloudAssert.IsAssignableFrom<IdCloudException>(IdCloudAssert.NoToken, error);
        Assert.Equal(IdCloudErrorKind.Authentication, auth.Kind);
        Assert.Equal(code, auth.ErrorCode);
        Assert.Equal(isConfigurationError, auth.IsConfigurationError);
        Assert.False(auth.RequestMayHaveBeenProcessed);
    }

    [Theory]
    [InlineData(400, IdCloudErrorKind.InvalidArgument)]
    [InlineData(401, IdCloudErrorKind.Unauthenticated)]
    [InlineData(403, IdCloudErrorKind.PermissionDenied)]
    [InlineData(404, IdCloudErrorKind.NotFound)]
    [InlineData(408, IdCloudErrorKind.Timeout)]
    [InlineData(409, IdCloudErrorKind.FailedPrecondition)]
    [InlineData(429, IdCloudErrorKind.RateLimited)]
    [InlineData(500, IdCloudErrorKind.ServerError)]
    [InlineData(501, IdCloudErrorKind.ServerError)]
    [InlineData(502, IdCloudErrorKind.ServiceUnavailable)]
    [InlineData(503, IdCloudErrorKind.ServiceUnavailable)]
    [InlineData(504, IdCloudErrorKind.ServiceUnavailable)]
    [InlineData(418, IdCloudErrorKind.Unknown)]
    public async Task Without_a_code_the_status_decides_the_kind_and_type(int status, IdCloudErrorKind kind)
    {
        var error = await MapAsync(status, null, IdCloudOperation.GetProcess);

        Assert.Equal(kind, error.Kind);
        var expectedType = status switch
        {
            429 => typeof(IdCloudRateLimitedException),
            _ => typeof(IdCloudApiException),
        };
        Assert.IsType(expectedType, error);
    }

    [Fact]
    public void A_connection_refused_before_sending_says_nothing_was_sent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ProcessUri);
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));

        var error = IdCloudErrorMapper.FromTransportFailure(request, IdCloudOperation.CreateProcess, refused);

        IdCloudAssert.IsType<IdCloudException>(IdCloudAssert.NoAnswer, error);
        Assert.Equal(IdCloudErrorKind.Transport, error.Kind);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Contains("could not connect to api.cadastro.uat.unico.app (ConnectionError)", error.Message);
        Assert.Same(refused, error.InnerException);
    }

    [Fact]
    public void A_timeout_of_CreateProcess_may_have_created_the_process()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ProcessUri);

        var error = IdCloudErrorMapper.FromTransportFailure(request, IdCloudOperation.CreateProcess, new TimeoutRejectedException());

        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Contains("timed out", error.Message);
        Assert.Contains("may have been created", error.Message);
    }

    [Fact]
    public void An_open_circuit_gives_the_remaining_break_time()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ProcessUri);

        var error = IdCloudErrorMapper.FromBrokenCircuit(request, IdCloudOperation.GetProcess, new BrokenCircuitException(TimeSpan.FromSeconds(7.2)));

        IdCloudAssert.IsType<IdCloudException>(IdCloudErrorKind.CircuitOpen, error);
        Assert.Equal(IdCloudErrorKind.CircuitOpen, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7.2), error.RetryAfter);
        Assert.Contains("in 8 s", error.Message);
    }

    [Fact]
    public void An_unreadable_success_body_is_an_invalid_response()
    {
        using var response = Response(200, "{not json");

        var error = IdCloudErrorMapper.FromUnreadableBody(response, IdCloudOperation.GetProcess, "ProcessResponse", new FormatException());

        IdCloudAssert.IsType<IdCloudException>(IdCloudErrorKind.InvalidResponse, error);
        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.DoesNotContain("not json", error.Message);
    }

    [Fact]
    public void An_unreadable_success_body_of_CreateProcess_says_the_process_may_exist()
    {
        // A 200 means IDCloud created the process; without the flag a caller following the documented advice would
        // retry and create a second, billable process.
        using var response = Response(200, "{\"process\":{\"id\":");

        var create = IdCloudErrorMapper.FromUnreadableBody(response, IdCloudOperation.CreateProcess, "ProcessResponse", new FormatException());
        var get = IdCloudErrorMapper.FromUnreadableBody(response, IdCloudOperation.GetProcess, "ProcessResponse", new FormatException());

        IdCloudAssert.IsType<IdCloudException>(IdCloudErrorKind.InvalidResponse, create);
        Assert.True(create.RequestMayHaveBeenProcessed);
        Assert.Contains("clientReference", create.Message);
        Assert.False(get.RequestMayHaveBeenProcessed);
        Assert.DoesNotContain("clientReference", get.Message);
    }

    private static IdCloudOperation Operation(string name) => name switch
    {
        "CreateProcess" => IdCloudOperation.CreateProcess,
        "GetProcess" => IdCloudOperation.GetProcess,
        "GetSelfie" => IdCloudOperation.GetSelfie,
        "GetEvidenceSet" => IdCloudOperation.GetEvidenceSet,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static async Task<IdCloudException> MapAsync(
        int status,
        string? body,
        IdCloudOperation operation,
        IdCloudApi api = IdCloudApi.Process,
        string mediaType = "application/json")
    {
        using var response = Response(status, body, mediaType: mediaType);
        return await IdCloudErrorMapper.FromResponseAsync(response, operation, api, default);
    }

    private static HttpResponseMessage Response(int status, string? body, Uri? uri = null, string mediaType = "application/json")
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, uri ?? ProcessUri),
        };
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        return response;
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
