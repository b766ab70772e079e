using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text.Json;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

public sealed class FaultInjectionTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Fact]
    public async Task A_status_before_processing_creates_nothing_and_applies_once()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.Status(503));

        using (var faulted = await PostCreateAsync(token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        }

        Assert.Equal(0, Emulator.ProcessCreationCount);
        using var next = await PostCreateAsync(token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, Emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task A_status_after_processing_creates_the_process_the_client_never_sees()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.StatusAfterProcessing(500, """{"error":{"code":"99999","description":"Internal failure! Try again later"}}"""));

        using var response = await PostCreateAsync(token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(("99999", "Internal failure! Try again later"), await EmulatorHttp.ReadApiErrorAsync(response));
        Assert.Equal(1, Emulator.ProcessCreationCount);
        var id = Emulator.ProcessIds[^1];
        Assert.Equal("PROCESS_STATE_CREATED", (await GetProcessAsync(token, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Times_applies_the_fault_to_the_next_n_requests()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        Emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.Status(500), times: 2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + id, token));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Faults_on_one_route_queue_up_in_order_and_leave_other_routes_alone()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        Emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.Status(502));
        Emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.RateLimited(3));

        using var other = await PostCreateAsync(token);
        using var first = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + id, token));
        using var second = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + id, token));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task A_rate_limit_answers_429_with_Retry_After()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.RateLimited(7));

        using var response = await PostCreateAsync(token);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, Emulator.ProcessCreationCount);
        Assert.Equal(EmulatedFaultKind.RateLimited, Emulator.Requests[^1].Fault);
    }

    [Fact]
    public async Task A_gateway_error_is_an_html_502()
    {
        Emulator.InjectFault(EmulatorRoute.Token, EmulatedFault.GatewayError());

        using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, "irrelevant");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>502 Bad Gateway</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, Emulator.TokenRequestCount);
    }

    [Fact]
    public async Task An_abort_drops_the_connection_without_processing()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.Abort());

        await Assert.ThrowsAsync<HttpRequestException>(() => PostCreateAsync(token));

        Assert.Equal(0, Emulator.ProcessCreationCount);
        var logged = Emulator.Requests[^1];
        Assert.Null(logged.StatusCode);
        Assert.Equal(EmulatedFaultKind.Abort, logged.Fault);
    }

    [Fact]
    public async Task An_abort_after_processing_drops_the_connection_after_creating_the_process()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.AbortAfterProcessing());

        await Assert.ThrowsAsync<HttpRequestException>(() => PostCreateAsync(token));

        Assert.Equal(1, Emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task A_malformed_body_is_a_200_that_does_not_parse()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        Emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.MalformedBody());

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + id, token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"process\":", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task A_malformed_token_response_still_issued_a_token()
    {
        Emulator.InjectFault(EmulatorRoute.Token, EmulatedFault.MalformedBody());
        Clock.Advance(TimeSpan.FromSeconds(1));

        using var response = await EmulatorHttp.PostTokenAsync(Http, Emulator, Assertion.For(Account, Emulator.Audience, Clock.GetUtcNow()).Sign(Account.PrivateKeyPem));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task A_malformed_signed_document_is_a_pdf_that_never_ends()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.GetSignedDocument, EmulatedFault.MalformedBody());

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, "/api/v1/service/file/" + Guid.NewGuid(), token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("%%EOF", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_status_and_body_reproduce_an_undocumented_answer()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.GetSelfie, EmulatedFault.Status(403, """{"error":{"code":"7","description":"no permission"}}"""));

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, $"/client/v1/process/{Guid.NewGuid()}/selfie", token));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(("7", "no permission"), await EmulatorHttp.ReadApiErrorAsync(response));
    }

    [Fact]
    public async Task A_short_delay_then_processes_normally()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.Latency(TimeSpan.FromMilliseconds(20)));

        using var response = await PostCreateAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmulatedFaultKind.Delay, Emulator.Requests[^1].Fault);
    }

    [Fact]
    public async Task A_long_delay_is_cancelled_when_the_client_gives_up()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.Latency(TimeSpan.FromMinutes(5)));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, EmulatorHttp.CreateBody()), giveUp.Token));

        // On a very loaded machine the client can give up before the request reaches the emulator, leaving the fault
        // armed for the next request; clear it so the check below is about the emulator, not the timing.
        Emulator.ResetFaults();
        using var next = await PostCreateAsync(token); // the emulator is not stuck
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, Emulator.ProcessCreationCount); // the abandoned request created nothing
    }

    [Fact]
    public async Task Disposing_the_emulator_ends_a_pending_delayed_request()
    {
        var clock = new FakeTimeProvider(EmulatorFixture.ClockStart);
        var emulator = await IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions { TimeProvider = clock });
        emulator.InjectFault(EmulatorRoute.Token, EmulatedFault.Latency(TimeSpan.FromMinutes(5)));
        var pending = EmulatorHttp.PostTokenAsync(Http, emulator, "x");
        using (var arrival = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (emulator.TokenRequestCount == 0)
            {
                await Task.Delay(10, arrival.Token); // the request is now parked in the delay
            }
        }

        await emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<HttpRequestException>(() => pending);
    }

    [Fact]
    public async Task ResetFaults_drops_pending_faults()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.CreateProcess, EmulatedFault.Status(500), times: 5);

        Emulator.ResetFaults();

        using var response = await PostCreateAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Invalid_fault_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatedFault.Status(42));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatedFault.Latency(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.InjectFault(EmulatorRoute.Token, EmulatedFault.Abort(), times: 0));
        Assert.Equal("RateLimited Retry-After 3 s", EmulatedFault.RateLimited(3).ToString());
    }

    private Task<HttpResponseMessage> PostCreateAsync(string token) =>
        Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, EmulatorHttp.CreateBody()));
}
