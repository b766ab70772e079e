using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Tests.Http;

public sealed class IdCloudResilienceHandlerTests
{
    private const string CreateProcessJson = """{"callbackUri":"/","flow":"idlive","purpose":"creditprocess","person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}}""";

    [Fact]
    public async Task Get_answered_503_503_200_succeeds_after_two_retries()
    {
        using var harness = PipelineHarness.Create(StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK));

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        using var response = await harness.RunRetriesAsync(call, retriesExpected: 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, harness.Stub.Calls);
        Assert.Equal(2, IdCloudRequestOptions.GetRetryCount(response.RequestMessage));
    }

    [Fact]
    public async Task Backoff_delays_grow_and_stay_within_MaxDelay()
    {
        using var harness = PipelineHarness.Create(
            StubHttpHandler.Statuses(HttpStatusCode.BadGateway),
            o => { o.MaxRetryAttempts = 4; o.MaxDelay = TimeSpan.FromSeconds(5); });

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var delay = await harness.Time.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(1));
            delays.Add(delay);
            harness.Time.Advance(delay);
        }

        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => call);
        Assert.Equal(IdCloudErrorKind.ServiceUnavailable, error.Kind);
        Assert.Equal(4, error.RetryCount);
        Assert.Contains("after 4 retries", error.Message);
        Assert.Equal(5, harness.Stub.Calls);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_429_with_Retry_After_2_waits_exactly_two_seconds_then_retries()
    {
        var stub = new StubHttpHandler((call, _, _) => Task.FromResult(call == 0
            ? PipelineHarness.TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            : new HttpResponseMessage(HttpStatusCode.OK)));
        using var harness = PipelineHarness.Create(stub);

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        var requested = await harness.Time.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(2), requested);
        harness.Time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.True(harness.Time.HasPendingTimer(TimeSpan.FromSeconds(2)));
        Assert.Equal(1, harness.Stub.Calls);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await call.WaitAsync(PipelineHarness.HangGuard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, harness.Stub.Calls);
        Assert.Contains(harness.Log.Events, e => e.EventId.Id == 2002 && e.Message.Contains("in 2000 ms") && e.Message.Contains("429"));
    }

    [Fact]
    public async Task A_429_with_an_HTTP_date_Retry_After_waits_until_that_date()
    {
        PipelineHarness? harnessRef = null;
        var stub = new StubHttpHandler((call, _, _) =>
        {
            if (call > 0)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
            }

            var now = harnessRef!.Time.GetUtcNow();
            var response = PipelineHarness.TooManyRequests(new RetryConditionHeaderValue(now.AddSeconds(3)));
            response.Headers.Date = now;
            return Task.FromResult(response);
        });
        using var harness = PipelineHarness.Create(stub);
        harnessRef = harness;

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        var requested = await harness.Time.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(1));
        harness.Time.Advance(requested);
        using var response = await call.WaitAsync(PipelineHarness.HangGuard);

        Assert.Equal(TimeSpan.FromSeconds(3), requested);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxRetryAfter_ends_retrying_and_surfaces_the_429()
    {
        var stub = new StubHttpHandler((_, _, _) => Task.FromResult(PipelineHarness.TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)))));
        using var harness = PipelineHarness.Create(stub, o => o.MaxRetryAfter = TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<IdCloudRateLimitedException>(() => harness.SendAsync(IdCloudOperation.GetProcess));

        Assert.Equal(1, harness.Stub.Calls);
        Assert.Equal(IdCloudErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Contains("Wait 120 s", error.Message);
        Assert.Contains(harness.Log.Events, e => e.EventId.Id == 2003);
    }

    [Fact]
    public async Task A_Retry_After_reaching_past_the_total_timeout_surfaces_the_429_instead_of_a_timeout()
    {
        var stub = new StubHttpHandler((_, _, _) => Task.FromResult(PipelineHarness.TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(15)))));
        using var harness = PipelineHarness.Create(stub, o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.MaxRetryAfter = TimeSpan.FromSeconds(30);
        });

        var error = await Assert.ThrowsAsync<IdCloudRateLimitedException>(() => harness.SendAsync(IdCloudOperation.GetProcess));

        Assert.Equal(1, harness.Stub.Calls);
        Assert.Equal(TimeSpan.FromSeconds(15), error.RetryAfter);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_retried_after_the_requested_delay()
    {
        var stub = new StubHttpHandler((call, _, _) =>
        {
            if (call > 0)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
            }

            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return Task.FromResult(response);
        });
        using var harness = PipelineHarness.Create(stub);

        var call = harness.SendAsync(IdCloudOperation.GetEvidenceSet);
        var requested = await harness.Time.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(1));
        harness.Time.Advance(requested);
        using var response = await call;

        Assert.Equal(TimeSpan.FromSeconds(7), requested);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_circuit_opens_after_the_configured_failures_and_fails_fast_saying_so()
    {
        using var harness = PipelineHarness.Create(
            StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK),
            o =>
            {
                o.MaxRetryAttempts = 0;
                o.CircuitBreakerEnabled = true;
                o.CircuitBreakerMinimumThroughput = 2;
                o.CircuitBreakerFailureRatio = 0.5;
                o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
                o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(15);
            });

        await Assert.ThrowsAsync<IdCloudApiException>(() => harness.SendAsync(IdCloudOperation.GetProcess));
        await Assert.ThrowsAsync<IdCloudApiException>(() => harness.SendAsync(IdCloudOperation.GetProcess));
        var open = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.CircuitOpen, () => harness.SendAsync(IdCloudOperation.GetProcess));

        Assert.Equal(2, harness.Stub.Calls);
        Assert.Equal(IdCloudErrorKind.CircuitOpen, open.Kind);
        Assert.Equal(TimeSpan.FromSeconds(15), open.RetryAfter);
        Assert.Contains("circuit breaker", open.Message);
        Assert.Contains("open", open.Message);
        Assert.Contains("in 15 s", open.Message);
        Assert.False(open.RequestMayHaveBeenProcessed);
        Assert.Contains(harness.Log.Events, e => e.EventId.Id == 2005);

        // A new handler generation (IHttpClientFactory rotates handlers) shares the breaker through the pipeline registry.
        using var rotated = new HttpClient(harness.Chain("process", harness.Stub))
        {
            BaseAddress = harness.Client.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.CircuitOpen, () => IdCloudHttp.SendAsync(
            rotated, new HttpRequestMessage(HttpMethod.Get, "/client/v1/process/x"), IdCloudOperation.GetProcess, IdCloudApi.Process, HttpCompletionOption.ResponseContentRead, default).WaitAsync(PipelineHarness.HangGuard));
        Assert.Equal(2, harness.Stub.Calls);

        harness.Time.Advance(TimeSpan.FromSeconds(15));
        using var trial = await harness.SendAsync(IdCloudOperation.GetProcess);
        Assert.Equal(HttpStatusCode.OK, trial.StatusCode);
        Assert.Equal(3, harness.Stub.Calls);
    }

    [Fact]
    public async Task Another_client_name_has_its_own_breaker()
    {
        using var harness = PipelineHarness.Create(
            StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK),
            o =>
            {
                o.MaxRetryAttempts = 0;
                o.CircuitBreakerEnabled = true;
                o.CircuitBreakerMinimumThroughput = 2;
            });
        await Assert.ThrowsAsync<IdCloudApiException>(() => harness.SendAsync(IdCloudOperation.GetProcess));
        await Assert.ThrowsAsync<IdCloudApiException>(() => harness.SendAsync(IdCloudOperation.GetProcess));
        await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.CircuitOpen, () => harness.SendAsync(IdCloudOperation.GetProcess));

        using var signature = new HttpClient(harness.Chain("signature", harness.Stub))
        {
            BaseAddress = new Uri("https://signhom.acesso.io"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var response = await IdCloudHttp.SendAsync(
            signature, new HttpRequestMessage(HttpMethod.Get, "/api/v1/service/x"), IdCloudOperation.GetSignedDocument, IdCloudApi.Signature, HttpCompletionOption.ResponseHeadersRead, default).WaitAsync(PipelineHarness.HangGuard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateProcess_answered_500_is_sent_once_and_says_the_process_may_have_been_created()
    {
        using var harness = PipelineHarness.Create(new StubHttpHandler((_, _, _) => Task.FromResult(
            PipelineHarness.Json(HttpStatusCode.InternalServerError, """{"error":{"code":99999,"description":"Internal failure! Try again later"}}"""))));

        var error = await Assert.ThrowsAsync<IdCloudApiException>(() =>
            harness.SendAsync(IdCloudOperation.CreateProcess, content: new StringContent(CreateProcessJson, Encoding.UTF8, "application/json"), path: "/client/v1/process"));

        Assert.Equal(1, harness.Stub.Calls);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal(IdCloudErrorKind.ServerError, error.Kind);
        Assert.Equal("99999", error.ErrorCode);
        Assert.Contains("may have been created", error.Message);
        Assert.Contains("clientReference", error.Message);
        Assert.Equal(0, error.RetryCount);
        Assert.Contains(harness.Log.Events, e => e.EventId.Id == 2004);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task CreateProcess_is_never_retried_on_an_answer(HttpStatusCode status)
    {
        using var harness = PipelineHarness.Create(StubHttpHandler.Statuses(status, HttpStatusCode.OK));

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() =>
            harness.SendAsync(IdCloudOperation.CreateProcess, content: new StringContent(CreateProcessJson), path: "/client/v1/process"));

        Assert.Equal(1, harness.Stub.Calls);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal((int)status >= 500, error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task CreateProcess_timing_out_after_sending_is_sent_once_and_reports_a_timeout_that_may_have_created_the_process()
    {
        using var harness = PipelineHarness.Create(
            new StubHttpHandler((_, _, ct) => StubHttpHandler.HangAsync(ct)),
            o => o.AttemptTimeout = TimeSpan.FromSeconds(20));

        var call = harness.SendAsync(IdCloudOperation.CreateProcess, content: new StringContent(CreateProcessJson), path: "/client/v1/process");
        await harness.Stub.WaitForCallAsync(1);
        await harness.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(20));
        harness.Time.Advance(TimeSpan.FromSeconds(20));

        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () => call.WaitAsync(PipelineHarness.HangGuard));
        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Contains("may have been created", error.Message);
        Assert.Contains("clientReference", error.Message);
        Assert.Equal(1, harness.Stub.Calls);
    }

    [Fact]
    public async Task CreateProcess_whose_connection_broke_after_sending_is_not_retried()
    {
        using var harness = PipelineHarness.Create(new StubHttpHandler((_, _, _) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."))));

        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () =>
            harness.SendAsync(IdCloudOperation.CreateProcess, content: new StringContent(CreateProcessJson), path: "/client/v1/process"));

        Assert.Equal(1, harness.Stub.Calls);
        Assert.Equal(IdCloudErrorKind.Transport, error.Kind);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Contains("may have been created", error.Message);
    }

    [Fact]
    public async Task CreateProcess_refused_before_sending_is_retried_and_its_body_is_sent_intact()
    {
        var stub = new StubHttpHandler((call, _, _) => call == 0
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException(
                HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)))
            : Task.FromResult(PipelineHarness.Json(HttpStatusCode.OK, """{"process":{"id":"p1"}}""")));
        using var harness = PipelineHarness.Create(stub);

        var call = harness.SendAsync(IdCloudOperation.CreateProcess, content: new StringContent(CreateProcessJson, Encoding.UTF8, "application/json"), path: "/client/v1/process");
        using var response = await harness.RunRetriesAsync(call, retriesExpected: 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, harness.Stub.Calls);
        Assert.Equal([CreateProcessJson, CreateProcessJson], harness.Stub.Bodies);
    }

    [Fact]
    public async Task CreateProcess_refused_on_every_attempt_reports_that_nothing_was_sent()
    {
        var stub = new StubHttpHandler((_, _, _) => Task.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused))));
        using var harness = PipelineHarness.Create(stub, o => o.MaxRetryAttempts = 1);

        var call = harness.SendAsync(IdCloudOperation.CreateProcess, content: new StringContent(CreateProcessJson), path: "/client/v1/process");
        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () => harness.RunRetriesAsync(call, retriesExpected: 1));

        Assert.Equal(IdCloudErrorKind.Transport, error.Kind);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Equal(1, error.RetryCount);
        Assert.Contains("Nothing was sent", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_retried_request_with_content_resends_the_same_body()
    {
        using var harness = PipelineHarness.Create(StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK));
        var idempotentWithBody = new IdCloudOperation("SearchProcesses", IsIdempotent: true, IsDownload: false);
        const string body = """{"query":"same body every time"}""";

        var call = harness.SendAsync(idempotentWithBody, HttpMethod.Get, new StringContent(body, Encoding.UTF8, "application/json"));
        using var response = await harness.RunRetriesAsync(call, retriesExpected: 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([body, body], harness.Stub.Bodies);
        Assert.Equal(body, await harness.Stub.Requests[1].Content!.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_caller_cancellation_during_an_attempt_is_not_retried_and_surfaces_as_OperationCanceledException()
    {
        using var harness = PipelineHarness.Create(new StubHttpHandler((_, _, ct) => StubHttpHandler.HangAsync(ct)));
        using var cts = new CancellationTokenSource();

        var call = harness.SendAsync(IdCloudOperation.GetProcess, cancellationToken: cts.Token);
        await harness.Stub.WaitForCallAsync(1);
        await cts.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(PipelineHarness.HangGuard));
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Equal(1, harness.Stub.Calls);
        Assert.DoesNotContain(harness.Log.Events, e => e.EventId.Id == 2002);
    }

    [Fact]
    public async Task A_caller_cancellation_during_a_retry_delay_stops_retrying()
    {
        using var harness = PipelineHarness.Create(StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK));
        using var cts = new CancellationTokenSource();

        var call = harness.SendAsync(IdCloudOperation.GetProcess, cancellationToken: cts.Token);
        await harness.Time.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(1));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(PipelineHarness.HangGuard));
        Assert.Equal(1, harness.Stub.Calls);
    }

    [Fact]
    public async Task A_hung_GET_attempt_times_out_and_is_retried()
    {
        var stub = new StubHttpHandler((call, _, ct) => call == 0 ? StubHttpHandler.HangAsync(ct) : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        using var harness = PipelineHarness.Create(stub, o => o.AttemptTimeout = TimeSpan.FromSeconds(20));

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        await harness.Stub.WaitForCallAsync(1);
        await harness.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(20));
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        using var response = await harness.RunRetriesAsync(call, retriesExpected: 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, harness.Stub.Calls);
        Assert.Contains(harness.Log.Events, e => e.EventId.Id == 2002 && e.Message.Contains("timeout"));
    }

    [Fact]
    public async Task A_GET_that_spends_its_whole_budget_is_a_Timeout_not_a_cancellation()
    {
        using var harness = PipelineHarness.Create(
            new StubHttpHandler((_, _, ct) => StubHttpHandler.HangAsync(ct)),
            o => { o.AttemptTimeout = TimeSpan.FromSeconds(20); o.TotalTimeout = TimeSpan.FromSeconds(20); });

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        await harness.Stub.WaitForCallAsync(1);
        harness.Time.Advance(TimeSpan.FromSeconds(20));

        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () => call.WaitAsync(PipelineHarness.HangGuard));
        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Contains("timed out", error.Message);
    }

    [Fact]
    public async Task A_download_runs_on_DownloadTimeout_instead_of_the_attempt_and_total_timeouts()
    {
        using var harness = PipelineHarness.Create(
            new StubHttpHandler((_, _, ct) => StubHttpHandler.HangAsync(ct)),
            o =>
            {
                o.AttemptTimeout = TimeSpan.FromSeconds(20);
                o.TotalTimeout = TimeSpan.FromSeconds(60);
                o.DownloadTimeout = TimeSpan.FromMinutes(5);
                o.MaxRetryAttempts = 0;
            });

        var call = harness.SendAsync(IdCloudOperation.GetSignedDocument);
        await harness.Stub.WaitForCallAsync(1);
        await harness.Time.WaitForTimerAsync(d => d == TimeSpan.FromMinutes(5));
        harness.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.False(call.IsCompleted);
        Assert.DoesNotContain(TimeSpan.FromSeconds(20), harness.Time.RequestedDueTimes);

        harness.Time.Advance(TimeSpan.FromMinutes(4));
        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () => call.WaitAsync(PipelineHarness.HangGuard));
        Assert.Equal(IdCloudErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task A_download_returns_at_the_headers_and_its_body_streams_outside_the_pipeline()
    {
        var body = new byte[256 * 1024];
        Random.Shared.NextBytes(body);
        var stub = new StubHttpHandler((call, _, _) => Task.FromResult(call == 0
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(body)) }));
        using var harness = PipelineHarness.Create(stub);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/service/document/1");

        var call = IdCloudHttp.SendAsync(harness.Client, request, IdCloudOperation.GetSignedDocument, IdCloudApi.Signature, HttpCompletionOption.ResponseHeadersRead, default).WaitAsync(PipelineHarness.HangGuard);
        using var response = await harness.RunRetriesAsync(call, retriesExpected: 1);
        var stream = await response.Content.ReadAsStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(body, copy.ToArray());
        Assert.Equal(2, harness.Stub.Calls);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        using var harness = PipelineHarness.Create(new StubHttpHandler((_, _, _) => Task.FromResult(
            PipelineHarness.Json(HttpStatusCode.BadRequest, """{"error":{"code":"3","description":"process id is invalid"}}"""))));

        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => harness.SendAsync(IdCloudOperation.GetProcess));

        Assert.Equal(1, harness.Stub.Calls);
        Assert.Equal(IdCloudErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task An_untagged_POST_is_treated_as_unsafe_and_not_retried()
    {
        using var harness = PipelineHarness.Create(StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK));
        var request = new HttpRequestMessage(HttpMethod.Post, "/client/v1/other") { Content = new StringContent("{}") };

        // The error handler turns the final 503 into the SDK's exception; the point is that it was not retried.
        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => harness.Client.SendAsync(request).WaitAsync(PipelineHarness.HangGuard));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal(1, harness.Stub.Calls);
    }

    [Fact]
    public async Task Retries_disabled_with_zero_attempts()
    {
        using var harness = PipelineHarness.Create(StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => harness.SendAsync(IdCloudOperation.GetProcess));

        Assert.Equal(1, harness.Stub.Calls);
        Assert.Equal(0, error.RetryCount);
    }
}
