using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// Each scheme IDCloud can use, over real sockets: the right credential is acknowledged with 2xx and reaches the
/// handler; a missing or wrong one gets 401 and never reaches it. "Never" is shown with a sentinel: after the
/// rejected call, a good call for another process is handled, and only that one ever ran.
/// </summary>
public sealed class WebhookAuthenticationTests
{
    private const string Rejected = "11111111-1111-1111-1111-111111111111";
    private const string Sentinel = "22222222-2222-2222-2222-222222222222";

    [Fact]
    public async Task Basic_with_the_registered_credentials_is_accepted_and_handled()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.Basic; o.BasicCredentials = "unico:s3cr3t:with-colon"; });

        using var response = await server.PostAsync(WebhookTestServer.Notification(Sentinel), WebhookTestServer.Basic("unico:s3cr3t:with-colon"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await server.Handler.NextRunAsync();
        Assert.Equal(Sentinel, run.ProcessId);
        Assert.Equal("PROCESS_STATE_FINISHED", run.Notification.State?.Value);
        Assert.Equal("id", run.Notification.Flow?.Value);
    }

    public static TheoryData<string, string?> BadBasicHeaders => new()
    {
        { "no header", null },
        { "wrong password", "Basic " + Convert.ToBase64String("unico:wrong"u8.ToArray()) },
        { "wrong user", "Basic " + Convert.ToBase64String("other:s3cr3t"u8.ToArray()) },
        { "password prefix only", "Basic " + Convert.ToBase64String("unico:s3cr"u8.ToArray()) },
        { "credentials plus extra", "Basic " + Convert.ToBase64String("unico:s3cr3tX"u8.ToArray()) },
        { "not base64", "Basic !!not-base64!!" },
        { "raw credentials, not encoded", "Basic unico:s3cr3t" },
        { "bearer scheme", "Bearer " + Convert.ToBase64String("unico:s3cr3t"u8.ToArray()) },
        { "scheme only", "Basic" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(BadBasicHeaders))]
    public async Task Basic_with_missing_or_wrong_credentials_is_401_and_the_handler_never_runs(string because, string? authorization)
    {
        _ = because;
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.Basic; o.BasicCredentials = "unico:s3cr3t"; });

        using var rejected = authorization is null
            ? await server.PostAsync(WebhookTestServer.Notification(Rejected))
            : await server.PostAsync(WebhookTestServer.Notification(Rejected), ("Authorization", authorization));

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.StartsWith("Basic", rejected.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
        await AssertOnlySentinelRunsAsync(server, WebhookTestServer.Basic("unico:s3cr3t"));
    }

    [Fact]
    public async Task Basic_scheme_name_is_case_insensitive()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.Basic; o.BasicCredentials = "unico:s3cr3t"; });

        using var response = await server.PostAsync(WebhookTestServer.Notification(Sentinel), ("Authorization", "basic " + Convert.ToBase64String("unico:s3cr3t"u8.ToArray())));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Two_authorization_headers_are_refused_even_if_one_is_right()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.Basic; o.BasicCredentials = "unico:s3cr3t"; });

        using var response = await server.PostAsync(
            WebhookTestServer.Notification(Rejected),
            WebhookTestServer.Basic("unico:s3cr3t"),
            WebhookTestServer.Basic("unico:wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertOnlySentinelRunsAsync(server, WebhookTestServer.Basic("unico:s3cr3t"));
    }

    [Fact]
    public async Task ApiKey_with_header_name_is_expected_in_that_header()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "X-API-Key:abc123"; });

        using var wrongValue = await server.PostAsync(WebhookTestServer.Notification(Rejected), ("X-API-Key", "abc124"));
        using var wrongHeader = await server.PostAsync(WebhookTestServer.Notification(Rejected), ("X-Other-Key", "abc123"));
        using var inAuthorization = await server.PostAsync(WebhookTestServer.Notification(Rejected), ("Authorization", "abc123"));
        using var missing = await server.PostAsync(WebhookTestServer.Notification(Rejected));

        Assert.All([wrongValue, wrongHeader, inAuthorization, missing], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await AssertOnlySentinelRunsAsync(server, ("x-api-key", "abc123"));
    }

    [Fact]
    public async Task ApiKey_without_colon_is_expected_as_the_raw_authorization_value()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "raw-key-42"; });

        using var withScheme = await server.PostAsync(WebhookTestServer.Notification(Rejected), ("Authorization", "Bearer raw-key-42"));
        using var otherHeader = await server.PostAsync(WebhookTestServer.Notification(Rejected), ("X-API-Key", "raw-key-42"));

        Assert.Equal(HttpStatusCode.Unauthorized, withScheme.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherHeader.StatusCode);
        await AssertOnlySentinelRunsAsync(server, ("Authorization", "raw-key-42"));
    }

    [Fact]
    public async Task ApiKey_naming_the_authorization_header_compares_the_whole_value()
    {
        // Unico's documented example: "Authorization:Bearer abc123" → Authorization: Bearer abc123.
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "Authorization:Bearer abc123"; });

        using var bare = await server.PostAsync(WebhookTestServer.Notification(Rejected), ("Authorization", "abc123"));

        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        await AssertOnlySentinelRunsAsync(server, ("Authorization", "Bearer abc123"));
    }

    [Fact]
    public async Task Additional_secrets_are_accepted_so_a_credential_can_be_rotated()
    {
        await using var server = await WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.ApiKey;
            o.ApiKey = "X-API-Key:new-key";
            o.AdditionalSecrets.Add("X-API-Key:old-key");
        });

        using var oldKey = await server.PostAsync(WebhookTestServer.Notification(Sentinel), ("X-API-Key", "old-key"));
        using var newKey = await server.PostAsync(WebhookTestServer.Notification("33333333-3333-3333-3333-333333333333"), ("X-API-Key", "new-key"));
        using var neither = await server.PostAsync(WebhookTestServer.Notification(Rejected), ("X-API-Key", "older-key"));

        Assert.Equal(HttpStatusCode.Accepted, oldKey.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, newKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, neither.StatusCode);
    }

    [Fact]
    public async Task Bearer_token_is_given_to_the_validator_and_its_answer_decides()
    {
        var seen = new List<string>();
        await using var server = await WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.Bearer;
            o.BearerTokenValidator = (token, _) =>
            {
                lock (seen)
                {
                    seen.Add(token);
                }

                return ValueTask.FromResult(token == "good.jwt.token");
            };
        });

        using var bad = await server.PostAsync(WebhookTestServer.Notification(Rejected), WebhookTestServer.Bearer("bad.jwt.token"));
        using var basic = await server.PostAsync(WebhookTestServer.Notification(Rejected), ("Authorization", "Basic good.jwt.token"));
        using var missing = await server.PostAsync(WebhookTestServer.Notification(Rejected));

        Assert.All([bad, basic, missing], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("Bearer", bad.Headers.WwwAuthenticate.Single().Scheme);
        await AssertOnlySentinelRunsAsync(server, WebhookTestServer.Bearer("good.jwt.token"));
        lock (seen)
        {
            // The malformed and missing headers never reached the validator; the token arrived without its scheme.
            Assert.Equal(["bad.jwt.token", "good.jwt.token"], seen);
        }
    }

    [Fact]
    public async Task Bearer_validator_that_throws_rejects_with_401_and_logs_an_error()
    {
        await using var server = await WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.Bearer;
            o.BearerTokenValidator = (token, _) => token == "good" ? ValueTask.FromResult(true) : throw new InvalidOperationException("JWKS unavailable");
        });

        using var response = await server.PostAsync(WebhookTestServer.Notification(Rejected), WebhookTestServer.Bearer("boom"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(server.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Exception is InvalidOperationException);
        await AssertOnlySentinelRunsAsync(server, WebhookTestServer.Bearer("good"));
    }

    [Fact]
    public async Task Bearer_validator_can_be_a_registered_service()
    {
        await using var server = await WebhookTestServer.StartAsync(
            o => o.Authentication = IdCloudWebhookAuthentication.Bearer,
            services: s => s.AddSingleton<IIdCloudWebhookBearerTokenValidator>(new FixedTokenValidator("service-token")));

        using var wrong = await server.PostAsync(WebhookTestServer.Notification(Rejected), WebhookTestServer.Bearer("other"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        await AssertOnlySentinelRunsAsync(server, WebhookTestServer.Bearer("service-token"));
    }

    [Fact]
    public async Task Rejections_are_logged_without_the_presented_credential()
    {
        await using var server = await WebhookTestServer.StartAsync(o => { o.Authentication = IdCloudWebhookAuthentication.Basic; o.BasicCredentials = "unico:s3cr3t"; });

        using var response = await server.PostAsync(WebhookTestServer.Notification(Rejected), WebhookTestServer.Basic("unico:guessed-password"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var entry = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 6001);
        Assert.DoesNotContain("guessed-password", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", string.Join('\n', server.Logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
    }

    /// <summary>Sends a good call for the sentinel process and shows the handler only ever ran for it.</summary>
    private static async Task AssertOnlySentinelRunsAsync(WebhookTestServer server, params (string, string)[] goodHeaders)
    {
        using var good = await server.PostAsync(WebhookTestServer.Notification(Sentinel), goodHeaders);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        var run = await server.Handler.NextRunAsync();
        Assert.Equal(Sentinel, run.ProcessId);
        Assert.Equal([Sentinel], server.Handler.Runs.Select(r => r.ProcessId));
    }

    private sealed class FixedTokenValidator(string expected) : IIdCloudWebhookBearerTokenValidator
    {
        public ValueTask<bool> ValidateAsync(string token, CancellationToken cancellationToken = default) => ValueTask.FromResult(token == expected);
    }
}
