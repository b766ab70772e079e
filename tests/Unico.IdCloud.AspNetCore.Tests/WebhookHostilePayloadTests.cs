using System.Net;
using System.Net.Sockets;
using System.Text;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using static Unico.IdCloud.AspNetCore.Tests.Infrastructure.HostileWebhookReceiver;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// Hostile payloads over a real Kestrel socket: each ends in a clear 4xx, the handler never sees it, and the receiver
/// keeps serving (a well-formed notification sent afterwards is the only one handled).
/// </summary>
public sealed class WebhookHostilePayloadTests
{

    [Fact]
    public async Task A_depth_bomb_answers_400()
    {
        await using var server = await StartAsync();
        var bomb = """{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","x":""" + new string('[', 20_000) + new string(']', 20_000) + "}";

        using var response = await server.PostAsync(bomb, Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_10_MB_body_answers_413_with_or_without_a_content_length(bool announced)
    {
        await using var server = await StartAsync();
        var body = new byte[10 * 1024 * 1024];
        Array.Fill(body, (byte)' ');
        """{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0"}"""u8.CopyTo(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestServer.Path)
        {
            Content = announced ? new ByteArrayContent(body) : new StreamContent(new NonSeekable(body)),
        };
        request.Headers.TryAddWithoutValidation("X-API-Key", "k");

        HttpStatusCode status;
        try
        {
            using var response = await server.Client.SendAsync(request);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // Kestrel may close the connection while the client is still uploading; the answer was 413 all the same.
            status = HttpStatusCode.RequestEntityTooLarge;
        }

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Theory]
    [InlineData("""{"processId":"8263a268-5388-492a-bca2-28e1ff4a\uD800"}""")]
    [InlineData("""{"processId":"\uDC00"}""")]
    [InlineData("""{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","lastEventDescription":"x\uD83D"}""")]
    public async Task A_lone_surrogate_escape_answers_400(string body)
    {
        await using var server = await StartAsync();

        using var response = await server.PostAsync(body, Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Theory]
    [InlineData("""{"processId":"11111111-1111-1111-1111-111111111111","processId":"22222222-2222-2222-2222-222222222222"}""")]
    [InlineData("""{"processId":"11111111-1111-1111-1111-111111111111","process_id":"22222222-2222-2222-2222-222222222222"}""")]
    [InlineData("""{"processId":"11111111-1111-1111-1111-111111111111","state":"PROCESS_STATE_FINISHED","State":"PROCESS_STATE_CREATED"}""")]
    public async Task A_member_named_twice_answers_400(string body)
    {
        await using var server = await StartAsync();

        using var response = await server.PostAsync(body, Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Theory]
    [InlineData("PROCESS_STATE_FINISHED\\r\\ninfo: Unico.IdCloud[6007] IDCloud webhook handler finished for process FORGED")]
    [InlineData("PROCESS STATE FINISHED")]
    [InlineData("PROCESS_STATE_\\u00c9")]
    public async Task A_state_that_is_not_an_enum_name_answers_400_and_forges_no_log_line(string state)
    {
        await using var server = await StartAsync();
        var body = $$"""{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","state":"{{state}}"}""";

        using var response = await server.PostAsync(body, Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains('\n', StringComparison.Ordinal) || e.Message.Contains("FORGED", StringComparison.Ordinal));
        await AssertOnlySentinelRunsAsync(server);
    }

    [Fact]
    public async Task A_state_of_60000_characters_answers_400()
    {
        await using var server = await StartAsync();

        using var response = await server.PostAsync($$"""{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","state":"{{new string('A', 60_000)}}"}""", Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.All(server.Logs.Entries, e => Assert.True(e.Message.Length < 400, $"log line of {e.Message.Length} chars"));
        await AssertOnlySentinelRunsAsync(server);
    }

    [Theory]
    [InlineData("PROCESS_STATE_SOMETHING_NEW", "PROCESS_STATE_SOMETHING_NEW")]
    [InlineData(" process_state_finished\\t", "process_state_finished")]
    public async Task An_unknown_or_padded_but_well_formed_state_is_still_accepted(string sent, string expected)
    {
        await using var server = await StartAsync();

        using var response = await server.PostAsync(WebhookTestServer.Notification(Sentinel, state: sent), Credentials);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, (await server.Handler.NextRunAsync()).Notification.State?.Value);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task A_json_notification_under_another_content_type_is_accepted(string? contentType)
    {
        // docs/completion.md: the content type is not checked; Unico does not document the one it sends.
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestServer.Path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(WebhookTestServer.Notification(Sentinel))),
        };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Headers.TryAddWithoutValidation("X-API-Key", "k");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(Sentinel, (await server.Handler.NextRunAsync()).ProcessId);
    }

    [Fact]
    public async Task A_gzip_encoded_request_body_is_not_decoded_and_answers_400()
    {
        await using var server = await StartAsync();
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(WebhookTestServer.Notification("66666666-6666-6666-6666-666666666666")));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestServer.Path) { Content = new ByteArrayContent(compressed.ToArray()) };
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-API-Key", "k");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Fact]
    public async Task Expect_100_continue_with_a_too_large_length_gets_413_without_sending_the_body()
    {
        await using var server = await StartAsync();
        var answer = await RawExchangeAsync(server, $"POST {WebhookTestServer.Path} HTTP/1.1\r\nHost: x\r\nX-API-Key: k\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\nExpect: 100-continue\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Fact]
    public async Task Expect_100_continue_without_credentials_gets_401_without_sending_the_body()
    {
        await using var server = await StartAsync();
        var answer = await RawExchangeAsync(server, $"POST {WebhookTestServer.Path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60\r\nExpect: 100-continue\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 401", answer, StringComparison.Ordinal);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Fact]
    public async Task Expect_100_continue_with_a_good_notification_is_accepted()
    {
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestServer.Path)
        {
            Content = new StringContent(WebhookTestServer.Notification("55555555-5555-5555-5555-555555555555"), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-API-Key", "k");
        request.Headers.ExpectContinue = true;

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("55555555-5555-5555-5555-555555555555", (await server.Handler.NextRunAsync()).ProcessId);
    }

    /// <summary>Sends a request head only and reads the first answer line within 10 s.</summary>
    private static async Task<string> RawExchangeAsync(WebhookTestServer server, string head)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Client.BaseAddress!.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }



    /// <summary>A stream HttpClient cannot measure, so the body goes out chunked with no Content-Length.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
