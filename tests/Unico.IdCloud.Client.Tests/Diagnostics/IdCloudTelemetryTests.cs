using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Http;
using Unico.IdCloud.Client.Tests.Http;

namespace Unico.IdCloud.Client.Tests.Diagnostics;

public sealed class IdCloudTelemetryTests
{
    private const string Cpf = "73689290074";
    private const string Phone = "5511998765678";
    private const string Email = "joao.silva@example.com";
    private const string AccessToken = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ0ZW5hbnQifQ.c2lnbmF0dXJlLXZhbHVl";

    [Fact]
    public async Task A_successful_operation_emits_one_activity_a_duration_and_its_retries()
    {
        using var telemetry = new IdCloudTelemetry();
        using var capture = new TelemetryCapture(telemetry);
        using var harness = PipelineHarness.Create(
            StubHttpHandler.Statuses(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), telemetry: telemetry);

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        using var response = await harness.RunRetriesAsync(call, retriesExpected: 1);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("GetProcess", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(ActivityStatusCode.Ok, activity.Status);
        Assert.Equal("GetProcess", activity.GetTagItem("idcloud.operation"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(1, activity.GetTagItem("idcloud.retry_count"));
        Assert.Equal("api.cadastro.uat.unico.app", activity.GetTagItem("server.address"));
        Assert.Null(activity.GetTagItem("error.type"));

        var duration = Assert.Single(capture.Measurements, m => m.Instrument == "idcloud.client.request.duration");
        Assert.Equal("GetProcess", duration.Tags["idcloud.operation"]);
        Assert.Equal(200, duration.Tags["http.response.status_code"]);
        Assert.True(duration.Value > 0, "the retry delay passed on the manual clock is part of the duration");

        var retry = Assert.Single(capture.Measurements, m => m.Instrument == "idcloud.client.retries");
        Assert.Equal(1, retry.Value);
        Assert.Equal("GetProcess", retry.Tags["idcloud.operation"]);
        Assert.Equal("503", retry.Tags["idcloud.retry.reason"]);

        Assert.Contains(harness.Log.Events, e => e.EventId.Id == 2000 && e.Message.Contains("GetProcess") && e.Message.Contains("after 1 retries (account default)"));
        Assert.Equal("default", activity.GetTagItem("idcloud.account"));
        Assert.Equal("default", duration.Tags["idcloud.account"]);
        Assert.Equal("default", retry.Tags["idcloud.account"]);
    }

    [Fact]
    public async Task A_failed_operation_marks_the_activity_as_error_with_its_kind()
    {
        using var telemetry = new IdCloudTelemetry();
        using var capture = new TelemetryCapture(telemetry);
        using var harness = PipelineHarness.Create(StubHttpHandler.Statuses(HttpStatusCode.InternalServerError), telemetry: telemetry);

        await Assert.ThrowsAsync<IdCloudApiException>(() =>
            harness.SendAsync(IdCloudOperation.CreateProcess, content: new StringContent("{}"), path: "/client/v1/process"));

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("ServerError", activity.GetTagItem("error.type"));
        Assert.Equal(500, activity.GetTagItem("http.response.status_code"));
        var duration = Assert.Single(capture.Measurements, m => m.Instrument == "idcloud.client.request.duration");
        Assert.Equal("ServerError", duration.Tags["error.type"]);
        Assert.DoesNotContain(capture.Measurements, m => m.Instrument == "idcloud.client.retries");
        Assert.Contains(harness.Log.Events, e => e.EventId.Id == 2001 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task A_pipeline_failure_is_recorded_with_the_exception_kind()
    {
        using var telemetry = new IdCloudTelemetry();
        using var capture = new TelemetryCapture(telemetry);
        using var harness = PipelineHarness.Create(
            new StubHttpHandler((_, _, ct) => StubHttpHandler.HangAsync(ct)),
            o => { o.MaxRetryAttempts = 0; o.AttemptTimeout = TimeSpan.FromSeconds(5); o.TotalTimeout = TimeSpan.FromSeconds(5); },
            telemetry);

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        await harness.Stub.WaitForCallAsync(1);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudAssert.NoAnswer, () => call);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("Timeout", activity.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
    }

    [Fact]
    public async Task A_caller_cancellation_is_recorded_as_cancelled_and_not_logged_as_a_failure()
    {
        using var telemetry = new IdCloudTelemetry();
        using var capture = new TelemetryCapture(telemetry);
        using var harness = PipelineHarness.Create(new StubHttpHandler((_, _, ct) => StubHttpHandler.HangAsync(ct)), telemetry: telemetry);
        using var cts = new CancellationTokenSource();

        var call = harness.SendAsync(IdCloudOperation.GetProcess, cancellationToken: cts.Token);
        await harness.Stub.WaitForCallAsync(1);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal("Cancelled", Assert.Single(capture.Activities).GetTagItem("error.type"));
        Assert.DoesNotContain(harness.Log.Events, e => e.EventId.Id == 2001);
    }

    [Fact]
    public void Token_refreshes_are_counted_by_outcome()
    {
        using var telemetry = new IdCloudTelemetry();
        using var capture = new TelemetryCapture(telemetry);

        telemetry.RecordTokenRefresh(succeeded: true);
        telemetry.RecordTokenRefresh(succeeded: false, IdCloudErrorKind.Authentication);

        var refreshes = capture.Measurements.Where(m => m.Instrument == "idcloud.client.token.refreshes").ToList();
        Assert.Equal(2, refreshes.Count);
        Assert.Equal("success", refreshes[0].Tags["idcloud.token.outcome"]);
        Assert.Equal("failure", refreshes[1].Tags["idcloud.token.outcome"]);
        Assert.Equal("Authentication", refreshes[1].Tags["error.type"]);
    }

    [Fact]
    public void With_a_meter_factory_the_meter_comes_from_it()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var telemetry = new IdCloudTelemetry(factory);
        using var capture = new TelemetryCapture(telemetry);

        telemetry.RecordTokenRefresh(succeeded: true);

        Assert.Equal(IdCloudTelemetry.MeterName, telemetry.Meter.Name);
        Assert.Same(factory.Create(new MeterOptions(IdCloudTelemetry.MeterName) { Version = telemetry.Meter.Version }), telemetry.Meter);
        Assert.Single(capture.Measurements);
    }

    [Fact]
    public async Task No_activity_metric_or_log_carries_personal_data_tokens_or_query_strings()
    {
        using var telemetry = new IdCloudTelemetry();
        using var capture = new TelemetryCapture(telemetry);
        var stub = new StubHttpHandler((call, _, _) => Task.FromResult(call == 0
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                Content = new StringContent($$$"""{"error":{"code":"3","description":"invalid email {{{Email}}} for {{{Cpf}}} / {{{Phone}}}"}}"""),
            }
            : new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent($$$"""{"error":{"code":"3","description":"invalid email {{{Email}}} for {{{Cpf}}} / {{{Phone}}}"}}"""),
            }));
        using var harness = PipelineHarness.Create(stub, telemetry: telemetry);
        var body = $$$"""{"flow":"idlive","person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"{{{Cpf}}}","phone":"{{{Phone}}}","email":"{{{Email}}}"}}""";
        var request = new HttpRequestMessage(HttpMethod.Get, $"/client/v1/process/abc?cpf={Cpf}&apikey=super-secret-key")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);

        var call = IdCloudHttp.SendAsync(harness.Client, request, IdCloudOperation.GetProcess, IdCloudApi.Process, HttpCompletionOption.ResponseContentRead, default);
        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => harness.RunRetriesAsync(call, retriesExpected: 1));

        var everything = string.Join(
            " || ",
            capture.AllText(),
            string.Join(" | ", harness.Log.Events.Select(e => e.AllText)),
            error.ToString());
        Assert.NotEmpty(capture.Activities);
        Assert.NotEmpty(harness.Log.Events);
        foreach (var secret in new[] { Cpf, "736.892.900-74", Phone, Email, "joao.silva", AccessToken, "eyJhbGci", "super-secret-key", "apikey=" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }
}
