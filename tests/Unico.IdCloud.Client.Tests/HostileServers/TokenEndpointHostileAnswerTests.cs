using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client.Tests.Authentication;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// The token endpoint answers oddly or hostilely over a real socket, with the SDK wired as a user wires it (AddIdCloud,
/// a real RSA key, IHttpClientFactory). Each answer either is tolerated (the API call goes through with the token) or
/// becomes an <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Authentication"/>; the assertion, the
/// key and the token never appear in an exception or a log line.
/// </summary>
public sealed class TokenEndpointHostileAnswerTests
{
    private const string ProcessId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0In0.c2lnbmF0dXJlLXNlY3JldA";

    public static TheoryData<string, string> ToleratedExpiresIn => new()
    {
        { "string", "\"3600\"" },
        { "negative", "-5" },
        { "zero", "0" },
        { "fractional", "3600.5" },
        { "beyond long", "1e30" },
        { "long max", "9223372036854775807" },
        { "beyond TimeSpan", "922337203686" },
        { "beyond year 9999", "300000000000" },
        { "null", "null" },
        { "bool", "true" },
        { "text", "\"soon\"" },
    };

    [Theory]
    [MemberData(nameof(ToleratedExpiresIn))]
    public async Task An_odd_expires_in_is_tolerated(string name, string expiresIn)
    {
        _ = name;
        await using var scenario = new Scenario(Json("200 OK", $$"""{"access_token":"{{Token}}","token_type":"Bearer","expires_in":{{expiresIn}}}"""));

        await scenario.GetProcessAsync();

        Assert.Contains(scenario.ApiHeads, h => h.Contains("Authorization: Bearer " + Token, StringComparison.Ordinal));
        scenario.AssertNoSecretIn(string.Empty);
    }

    [Theory]
    [InlineData("mac")]
    [InlineData("bearer")]
    [InlineData("")]
    public async Task A_token_type_other_than_Bearer_is_tolerated_and_sent_as_Bearer(string tokenType)
    {
        await using var scenario = new Scenario(Json("200 OK", $$"""{"access_token":"{{Token}}","token_type":"{{tokenType}}","expires_in":3600}"""));

        await scenario.GetProcessAsync();

        Assert.Contains(scenario.ApiHeads, h => h.Contains("Authorization: Bearer " + Token, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "no access_token", """{"token_type":"Bearer","expires_in":3600}""" },
        { "null access_token", """{"access_token":null,"expires_in":3600}""" },
        { "numeric access_token", """{"access_token":12345,"expires_in":3600}""" },
        { "array", """[{"access_token":"x"}]""" },
        { "html", "<html><body>Welcome " + Token + "</body></html>" },
        { "truncated", """{"access_token":"abc""" },
        { "non-ascii token", """{"access_token":"t\u00f8ken","expires_in":3600}""" },
        { "control char token", """{"access_token":"tok\u0001en","expires_in":3600}""" },
        { "DEL token", """{"access_token":"tok\u007fen","expires_in":3600}""" },
        { "duplicate access_token", $$"""{"access_token":"{{Token}}","access_token":"other","expires_in":3600}""" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_unusable_200_is_an_authentication_error(string name, string body)
    {
        _ = name;
        await using var scenario = new Scenario(Json("200 OK", body));

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(scenario.GetProcessAsync);

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.Empty(scenario.ApiHeads);
        scenario.AssertNoSecretIn(error.ToString());
    }

    [Theory]
    [InlineData("400 Bad Request", "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"Falha na autenticação 1.2.5: {0}\"}")]
    [InlineData("401 Unauthorized", "application/json", "{\"error\":\"{0}\"}")]
    [InlineData("400 Bad Request", "text/plain", "rejected grant_type=urn%3Aietf&assertion={0}")]
    [InlineData("500 Internal Server Error", "text/plain", "{1}{0}")]
    [InlineData("200 OK", "application/json", "{\"error\":\"{0}\"}")]
    public async Task A_refusal_that_echoes_the_assertion_never_shows_it(string status, string contentType, string template)
    {
        await using var scenario = new Scenario(async (stream, assertion, ct) =>
        {
            // {1}: padding that puts the assertion across the point where the description is cut before redaction.
            var body = template.Replace("{0}", assertion, StringComparison.Ordinal).Replace("{1}", new string('x', 1100), StringComparison.Ordinal);
            var bytes = Encoding.UTF8.GetBytes(body);
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 {status}\nContent-Type: {contentType}\nContent-Length: {bytes.Length}\n", ct);
            await stream.WriteAsync(bytes, ct);
        });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(scenario.GetProcessAsync);

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        scenario.AssertNoSecretIn(error.ToString() + "\n" + (error as IdCloudApiException)?.Description);
    }

    [Fact]
    public async Task Both_content_length_and_chunked_is_read_as_chunked_or_refused()
    {
        var body = Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600}""");
        await using var scenario = new Scenario(async (stream, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 5\nTransfer-Encoding: chunked\n", ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), ct);
            await stream.WriteAsync(body, ct);
            await stream.WriteAsync("\r\n0\r\n\r\n"u8.ToArray(), ct);
        });

        try
        {
            await scenario.GetProcessAsync();
            Assert.Contains(scenario.ApiHeads, h => h.Contains("Authorization: Bearer " + Token, StringComparison.Ordinal));
        }
        catch (IdCloudException error)
        {
            Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
            scenario.AssertNoSecretIn(error.ToString());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_huge_token_body_is_bounded(bool announced)
    {
        await using var scenario = new Scenario(async (stream, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, announced
                ? "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 1073741824\n"
                : "HTTP/1.1 200 OK\nContent-Type: application/json\nTransfer-Encoding: chunked\n", ct);
            var prefix = Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600,"pad":""" + "\"" + new string(' ', 1000));
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            await Write(prefix);
            for (var i = 0; i < 16 * 1024; i++)
            {
                await Write(chunk);
            }

            async Task Write(byte[] bytes)
            {
                if (!announced)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"), ct);
                }

                await stream.WriteAsync(bytes, ct);
                if (!announced)
                {
                    await stream.WriteAsync("\r\n"u8.ToArray(), ct);
                }
            }
        });

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAnyAsync<IdCloudException>(scenario.GetProcessAsync);

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        Assert.Empty(scenario.ApiHeads);
        scenario.AssertNoSecretIn(error.ToString());
    }

    [Fact]
    public async Task A_padded_token_body_larger_than_the_cap_is_not_read_as_its_valid_prefix()
    {
        // The first 64 KB are a complete, valid answer followed by white space; the rest makes the document invalid.
        var valid = Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600}""");
        var body = new byte[200 * 1024];
        Array.Fill(body, (byte)' ');
        valid.CopyTo(body, 0);
        "garbage"u8.CopyTo(body.AsSpan(body.Length - 7));
        await using var scenario = new Scenario(async (stream, ct) => await RawHttpServer.WriteJsonAsync(stream, "200 OK", body, ct));

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(scenario.GetProcessAsync);

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.Empty(scenario.ApiHeads);
    }

    [Fact]
    public async Task Cookies_set_by_the_token_endpoint_are_never_sent_back()
    {
        var apiCalls = 0;
        await using var scenario = new Scenario(
            async (stream, ct) =>
            {
                var body = Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600}""");
                await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/json\nSet-Cookie: sid=hijack; Path=/\nSet-Cookie: other=1; Domain=127.0.0.1; Path=/\nContent-Length: {body.Length}\n", ct);
                await stream.WriteAsync(body, ct);
            },
            api: async (stream, head, ct) =>
            {
                // The first call is refused (401), so the SDK asks the token endpoint a second time.
                var status = Interlocked.Increment(ref apiCalls) == 1 ? "401 Unauthorized" : "200 OK";
                await RawHttpServer.WriteJsonAsync(stream, status, Encoding.ASCII.GetBytes("{\"process\":{\"id\":\"" + ProcessId + "\",\"state\":\"PROCESS_STATE_CREATED\"}}"), ct);
            });

        await scenario.GetProcessAsync();

        Assert.Equal(2, scenario.IdentityHeads.Count);
        Assert.Equal(2, scenario.ApiHeads.Count);
        Assert.All(scenario.IdentityHeads.Concat(scenario.ApiHeads), h => Assert.DoesNotContain("\r\nCookie:", h, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_gzip_token_answer_is_read()
    {
        await using var scenario = new Scenario(async (stream, ct) =>
        {
            var body = Gzip(Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600}"""));
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Encoding: gzip\nContent-Length: {body.Length}\n", ct);
            await stream.WriteAsync(body, ct);
        });

        await scenario.GetProcessAsync();

        Assert.Contains(scenario.ApiHeads, h => h.Contains("Authorization: Bearer " + Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("zstd")]
    public async Task A_token_answer_in_an_encoding_not_asked_for_is_an_authentication_error(string encoding)
    {
        await using var scenario = new Scenario(async (stream, ct) =>
        {
            var body = Gzip(Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600}"""));
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Encoding: {encoding}\nContent-Length: {body.Length}\n", ct);
            await stream.WriteAsync(body, ct);
        });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(scenario.GetProcessAsync);

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        scenario.AssertNoSecretIn(error.ToString());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task A_token_answer_whose_compressed_bytes_are_corrupt_is_an_authentication_error_not_an_sdk_defect(string encoding)
    {
        await using var scenario = new Scenario(async (stream, ct) =>
        {
            byte[] body = [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x02, .. "not compressed at all"u8];
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Encoding: {encoding}\nContent-Length: {body.Length}\n", ct);
            await stream.WriteAsync(body, ct);
        });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(scenario.GetProcessAsync);

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.DoesNotContain("SDK defect", error.Message, StringComparison.Ordinal);
        Assert.Contains("decompress", error.Message, StringComparison.Ordinal);
        Assert.Empty(scenario.ApiHeads);
        scenario.AssertNoSecretIn(error.ToString());
    }

    [Fact]
    public async Task A_gzip_bomb_token_answer_is_bounded()
    {
        var bomb = Gzip(new byte[200 * 1024 * 1024]);
        await using var scenario = new Scenario(async (stream, ct) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Encoding: gzip\nContent-Length: {bomb.Length}\n", ct);
            await stream.WriteAsync(bomb, ct);
        });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(scenario.GetProcessAsync);

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.Empty(scenario.ApiHeads);
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=bogus")]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task An_odd_content_type_on_a_utf8_json_answer_is_tolerated(string contentType)
    {
        await using var scenario = new Scenario(async (stream, ct) =>
        {
            var body = Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600}""");
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: {contentType}\nContent-Length: {body.Length}\n", ct);
            await stream.WriteAsync(body, ct);
        });

        await scenario.GetProcessAsync();

        Assert.Contains(scenario.ApiHeads, h => h.Contains("Authorization: Bearer " + Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_utf8_bom_before_the_token_answer_is_tolerated()
    {
        await using var scenario = new Scenario(async (stream, ct) =>
            await RawHttpServer.WriteJsonAsync(stream, "200 OK", [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes($$"""{"access_token":"{{Token}}","expires_in":3600}""")], ct));

        await scenario.GetProcessAsync();

        Assert.Contains(scenario.ApiHeads, h => h.Contains("Authorization: Bearer " + Token, StringComparison.Ordinal));
    }

    private static Func<Stream, CancellationToken, Task> Json(string status, string body) =>
        (stream, ct) => RawHttpServer.WriteJsonAsync(stream, status, Encoding.UTF8.GetBytes(body), ct);

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>An identity server answering with <c>token</c>, an API server, and the SDK pointed at both.</summary>
    private sealed class Scenario : IAsyncDisposable
    {
        private readonly RawHttpServer _identity;
        private readonly RawHttpServer _api;
        private readonly ServiceProvider _app;
        private readonly ConcurrentQueue<string> _identityHeads = new();
        private readonly ConcurrentQueue<string> _apiHeads = new();
        private readonly ConcurrentQueue<string> _assertions = new();
        private readonly LogText _logs = new();

        public Scenario(Func<Stream, CancellationToken, Task> token, Func<Stream, string, CancellationToken, Task>? api = null)
            : this((stream, _, ct) => token(stream, ct), api)
        {
        }

        /// <param name="token">Answers a token request; given the assertion that request carried.</param>
        /// <param name="api">Answers an API request; by default a created process.</param>
        public Scenario(Func<Stream, string, CancellationToken, Task> token, Func<Stream, string, CancellationToken, Task>? api = null)
        {
            _identity = new RawHttpServer(async (stream, head, ct) =>
            {
                _identityHeads.Enqueue(head);
                var form = Encoding.ASCII.GetString(await RawHttpServer.ReadBodyAsync(stream, head, ct));
                var assertion = WebUtility.UrlDecode(form.Split('&').Single(p => p.StartsWith("assertion=", StringComparison.Ordinal))["assertion=".Length..]);
                _assertions.Enqueue(assertion);
                await token(stream, assertion, ct);
            });
            _api = new RawHttpServer(async (stream, head, ct) =>
            {
                _apiHeads.Enqueue(head);
                if (api is not null)
                {
                    await api(stream, head, ct);
                    return;
                }

                await RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.ASCII.GetBytes("{\"process\":{\"id\":\"" + ProcessId + "\",\"state\":\"PROCESS_STATE_CREATED\"}}"), ct);
            });
            var services = new ServiceCollection();
            services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
            services.AddIdCloud(o =>
            {
                o.IdentityBaseAddress = _identity.BaseAddress;
                o.ProcessApiBaseAddress = _api.BaseAddress;
                o.ServiceAccount.AccountName = "acme";
                o.ServiceAccount.TenantId = "tenant-1";
                o.ServiceAccount.PrivateKeyPem = TestKeys.Pkcs8Pem;
                o.Token.MaxTransientAttempts = 1;
                o.Token.TokenRequestTimeout = TimeSpan.FromSeconds(15);
                o.Resilience.MaxRetryAttempts = 0;
                o.Resilience.CircuitBreakerEnabled = false;
            });
            _app = services.BuildServiceProvider();
        }

        public IReadOnlyList<string> IdentityHeads => [.. _identityHeads];

        public IReadOnlyList<string> ApiHeads => [.. _apiHeads];

        public Task GetProcessAsync() => _app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId);

        /// <summary>Neither <paramref name="text"/> nor any log line holds the key, an assertion or the token.</summary>
        public void AssertNoSecretIn(string text)
        {
            var everything = text + "\n" + _logs.Text;
            Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
            Assert.DoesNotContain("c2lnbmF0dXJlLXNlY3JldA", everything, StringComparison.Ordinal);
            foreach (var assertion in _assertions)
            {
                Assert.DoesNotContain(assertion.Split('.')[2], everything, StringComparison.Ordinal);
            }

            foreach (var line in TestKeys.PemBodyLines(TestKeys.Pkcs8Pem))
            {
                Assert.DoesNotContain(line, everything, StringComparison.Ordinal);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            await _identity.DisposeAsync();
            await _api.DisposeAsync();
        }
    }

    /// <summary>Every log line, its values and its exception, as one text.</summary>
    private sealed class LogText : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join("\n", _lines);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            _lines.Enqueue(formatter(state, exception) + " | " + string.Join(" | ", values.Select(kv => kv.Key + "=" + kv.Value)) + " | " + exception);
        }

        public void Dispose()
        {
        }
    }
}
