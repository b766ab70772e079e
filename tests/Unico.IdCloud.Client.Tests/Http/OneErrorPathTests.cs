using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Unico.IdCloud.Client.Authentication;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>
/// Issue 14, defect 5 and the Retry-After risk; issue 10, item 4: the API hosts and the token endpoint share one body
/// reader, one Retry-After parser and one redaction, so no path quotes personal data or retries a tenant at once.
/// </summary>
public sealed class OneErrorPathTests
{
    private const string Cpf = "736.892.900-74";
    private const string Email = "maria.silva@example.com";
    private const string Phone = "+55 11 99876-5678";
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw";
    private static readonly string Echo = $"Jwt {Jwt} rejected for cpf {Cpf}, e-mail {Email}, phone {Phone}";

    [Fact]
    public async Task Unauthorized_DescriptionEchoingCpfEmailPhoneAndJwt_IsRedactedLikeTheBadRequestPath()
    {
        var body = $$$"""{"error":{"code":16,"description":"{{{Echo}}}"}}""";
        var unauthorized = new StubHttpHandler((_, _, _) => Task.FromResult(PipelineHarness.Json(HttpStatusCode.Unauthorized, body)));
        using var harness = PipelineHarness.Create(unauthorized);
        using var client = new HttpClient(harness.Chain("process", new IdCloudAuthenticationHandler(new CountingTokens()) { InnerHandler = unauthorized }))
        {
            BaseAddress = new Uri("https://api.cadastro.uat.unico.app"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var badRequestHarness = PipelineHarness.Create(new StubHttpHandler((_, _, _) => Task.FromResult(PipelineHarness.Json(HttpStatusCode.BadRequest, body))));

        var auth = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () =>
            client.GetAsync(new Uri("/client/v1/process/x", UriKind.Relative)).WaitAsync(PipelineHarness.HangGuard));
        var invalid = await Assert.ThrowsAnyAsync<IdCloudException>(() => badRequestHarness.SendAsync(IdCloudOperation.GetProcess));

        Assert.Equal(2, unauthorized.Calls);
        Assert.Equal(IdCloudErrorKind.Unauthenticated, auth.Kind);
        Assert.NotNull(auth.Description);
        Assert.Equal(invalid.Description, auth.Description);
        foreach (var secret in new[] { Cpf, Email, Phone, Jwt, "99876", "900-74" })
        {
            Assert.DoesNotContain(secret, auth.Description!, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, auth.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TokenEndpoint_DescriptionEchoingCpfEmailPhoneAndJwt_IsRedactedLikeTheApiPath()
    {
        var body = $$"""{"error":"server_error","error_description":"Falha na autenticação 1.2.22: {{Echo}}"}""";
        using var http = new HttpClient(new StubHttpHandler((_, _, _) => Task.FromResult(PipelineHarness.Json(HttpStatusCode.BadRequest, body))));
        var endpoint = new IdCloudTokenEndpoint(http, new Uri("https://identityhomolog.acesso.io/oauth2/token"));
        using var apiHarness = PipelineHarness.Create(new StubHttpHandler((_, _, _) => Task.FromResult(PipelineHarness.Json(HttpStatusCode.BadRequest, body))));

        var (token, failure) = await endpoint.ExchangeAsync("assertion", CancellationToken.None);
        var api = await Assert.ThrowsAnyAsync<IdCloudException>(() => apiHarness.SendAsync(IdCloudOperation.GetProcess));

        Assert.Null(token);
        Assert.NotNull(failure);
        Assert.Equal("1.2.22", failure.ErrorCode);
        Assert.Equal(api.Description, failure.Description);
        var exception = failure.ToException("shop@tenant");
        foreach (var secret in new[] { Cpf, Email, Phone, Jwt })
        {
            Assert.DoesNotContain(secret, failure.Description!, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, exception.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("date-in-the-past")]
    public async Task RetryAfter_ZeroOrADateInThePast_UsesTheNormalBackoffNeverAnImmediateRetry(string retryAfter)
    {
        PipelineHarness? harnessRef = null;
        var stub = new StubHttpHandler((call, _, _) =>
        {
            if (call > 0)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
            }

            var now = harnessRef!.Time.GetUtcNow();
            var response = PipelineHarness.TooManyRequests(retryAfter == "0"
                ? new RetryConditionHeaderValue(TimeSpan.Zero)
                : new RetryConditionHeaderValue(now.AddSeconds(-30)));
            response.Headers.Date = now;
            return Task.FromResult(response);
        });
        using var harness = PipelineHarness.Create(stub);
        harnessRef = harness;

        var call = harness.SendAsync(IdCloudOperation.GetProcess);
        var requested = await harness.Time.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(1));

        // The exponential backoff with jitter around BaseDelay (1 s), not zero: the tenant is already over budget.
        Assert.True(requested > TimeSpan.FromMilliseconds(10), $"waited {requested}");
        Assert.True(requested <= TimeSpan.FromSeconds(30), $"waited {requested}");
        Assert.Equal(1, stub.Calls);
        harness.Time.Advance(requested);
        using var response = await call.WaitAsync(PipelineHarness.HangGuard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task TokenEndpoint_RetryAfterZero_IsNotAWait_AndAPositiveOneIsParsedLikeTheApiPath()
    {
        var status = 0;
        using var http = new HttpClient(new StubHttpHandler((_, _, _) =>
        {
            var response = PipelineHarness.Json(HttpStatusCode.TooManyRequests, "{}");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(Interlocked.Increment(ref status) == 1 ? 0 : 7));
            return Task.FromResult(response);
        }));
        var endpoint = new IdCloudTokenEndpoint(http, new Uri("https://identityhomolog.acesso.io/oauth2/token"));

        var (_, zero) = await endpoint.ExchangeAsync("a1", CancellationToken.None);
        var (_, seven) = await endpoint.ExchangeAsync("a2", CancellationToken.None);

        Assert.Null(zero!.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(7), seven!.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotImplemented)]
    [InlineData(HttpStatusCode.HttpVersionNotSupported)]
    public async Task Status501And505_AreFinalOnEveryPath_NotRetried(HttpStatusCode status)
    {
        using var harness = PipelineHarness.Create(StubHttpHandler.Statuses(status, HttpStatusCode.OK));

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => harness.SendAsync(IdCloudOperation.GetProcess));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, harness.Stub.Calls);
        Assert.False(IdCloudTransientFailures.IsTransientStatus(status));
    }

    private sealed class CountingTokens : IIdCloudTokenProvider
    {
        private int _issued;

        public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new IdCloudAccessToken("token-" + Interlocked.Increment(ref _issued), "Bearer", DateTimeOffset.MaxValue));

        public void Invalidate(IdCloudAccessToken token)
        {
        }
    }
}
