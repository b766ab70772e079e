using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client.Tests.Diagnostics;

public sealed class IdCloudTokenHealthCheckTests
{
    private const string SecretToken = "eyJhbGciOiJSUzI1NiJ9.eyJzZWNyZXQiOnRydWV9.c2lnbmF0dXJl";

    [Fact]
    public async Task Healthy_when_a_token_is_available_without_exposing_it()
    {
        var expires = new DateTimeOffset(2025, 1, 1, 13, 0, 0, TimeSpan.Zero);
        var check = new IdCloudTokenHealthCheck(new StubTokenProvider(() => new IdCloudAccessToken(SecretToken, "Bearer", expires)));

        var result = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("2025-01-01T13:00:00.0000000+00:00", result.Data["expiresOn"]);
        Assert.DoesNotContain(SecretToken, Render(result));
    }

    [Fact]
    public async Task Unhealthy_with_the_kind_and_code_of_an_authentication_failure_but_not_its_message()
    {
        var failure = new IdCloudApiException("Token refused for tenant-secret with assertion " + SecretToken)
        {
            Kind = IdCloudErrorKind.Authentication,
            ErrorCode = "1.2.22",
            StatusCode = HttpStatusCode.Unauthorized,
            Advice = "Remove extra claims from the assertion.",
        };
        var log = new CapturingLogger();
        var check = new IdCloudTokenHealthCheck(new StubTokenProvider(() => throw failure), new CapturingLogger<IdCloudTokenHealthCheck>(log));

        var result = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Authentication", result.Data["kind"]);
        Assert.Equal("1.2.22", result.Data["errorCode"]);
        Assert.Equal(401, result.Data["statusCode"]);
        Assert.Contains("Authentication (code 1.2.22, HTTP 401)", result.Description);
        Assert.Contains("Remove extra claims", result.Description);
        Assert.Null(result.Exception);
        Assert.DoesNotContain(SecretToken, Render(result));
        Assert.DoesNotContain("tenant-secret", Render(result));
        var warning = Assert.Single(log.Events);
        Assert.Equal(2200, warning.EventId.Id);
        Assert.DoesNotContain(SecretToken, warning.AllText);
    }

    [Fact]
    public async Task The_registrations_failure_status_is_used()
    {
        var check = new IdCloudTokenHealthCheck(new StubTokenProvider(() => throw new IdCloudException("down") { Kind = IdCloudErrorKind.Transport }));

        var result = await check.CheckHealthAsync(Context(HealthStatus.Degraded));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("Transport", result.Data["kind"]);
        Assert.False(result.Data.ContainsKey("errorCode"));
    }

    [Fact]
    public async Task An_unexpected_exception_is_reported_not_thrown()
    {
        var check = new IdCloudTokenHealthCheck(new StubTokenProvider(() => throw new InvalidOperationException("secret detail " + SecretToken)));

        var result = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("InvalidOperationException", result.Description);
        Assert.DoesNotContain("secret detail", Render(result));
    }

    [Fact]
    public async Task The_callers_cancellation_propagates()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var check = new IdCloudTokenHealthCheck(new StubTokenProvider(() => throw new OperationCanceledException(cts.Token)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.CheckHealthAsync(Context(HealthStatus.Unhealthy), cts.Token));
    }

    private static HealthCheckContext Context(HealthStatus failureStatus) => new()
    {
        Registration = new HealthCheckRegistration("idcloud", sp => throw new NotSupportedException(), failureStatus, tags: null),
    };

    private static string Render(HealthCheckResult result) =>
        result.Description + " " + string.Join(" ", result.Data.Select(kv => kv.Key + "=" + kv.Value)) + " " + result.Exception;

    private sealed class StubTokenProvider(Func<IdCloudAccessToken> get) : IIdCloudTokenProvider
    {
        public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(get());

        public void Invalidate(IdCloudAccessToken token)
        {
        }
    }
}
