using System.Net;
using System.Text;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>What bodies the endpoint accepts (tolerantly) and rejects with 400/413 without running the handler.</summary>
public sealed class WebhookPayloadTests
{
    private const string Sentinel = "22222222-2222-2222-2222-222222222222";
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "empty body", "" },
        { "not JSON", "processId=8263a268" },
        { "truncated JSON", """{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","state":"PROC""" },
        { "an array", """[{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0"}]""" },
        { "a bare string", "\"8263a268-5388-492a-bca2-28e1ff4a69f0\"" },
        { "no processId", """{"state":"PROCESS_STATE_FINISHED","flow":"id"}""" },
        { "empty processId", """{"processId":"","state":"PROCESS_STATE_FINISHED"}""" },
        { "blank processId", """{"processId":"   "}""" },
        { "null processId", """{"processId":null}""" },
        { "numeric processId", """{"processId":12345}""" },
        { "object processId", """{"processId":{"id":"x"}}""" },
        { "two documents", """{"processId":"a"}{"processId":"b"}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_body_or_missing_processId_is_400_and_the_handler_never_runs(string because, string body)
    {
        _ = because;
        await using var server = await StartAsync();

        using var response = await server.PostAsync(body, Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Fact]
    public async Task Unknown_members_other_spellings_comments_and_odd_types_are_tolerated()
    {
        await using var server = await StartAsync();
        const string body = """
            // IDCloud may add members; the receiver must not break.
            {
              "process_id": "8263A268-5388-492A-BCA2-28E1FF4A69F0",
              "State": "PROCESS_STATE_FINISHED",
              "flow": 7,
              "lastEvent": "EVENT_TYPE_SESSION_ENDED",
              "last_event_description": "Session ended",
              "extra": { "nested": [1, 2, {"processId": "not-this-one"}] },
            }
            """;

        using var response = await server.PostAsync(body, Credentials);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await server.Handler.NextRunAsync();
        Assert.Equal("8263A268-5388-492A-BCA2-28E1FF4A69F0", run.ProcessId);
        Assert.Equal("PROCESS_STATE_FINISHED", run.Notification.State?.Value);
        Assert.Null(run.Notification.Flow?.Value);
        Assert.Equal("EVENT_TYPE_SESSION_ENDED", run.Notification.LastEvent);
        Assert.Equal("Session ended", run.Notification.LastEventDescription);
    }

    [Fact]
    public async Task A_body_with_a_byte_order_mark_and_no_content_type_is_accepted()
    {
        await using var server = await StartAsync();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(WebhookTestServer.Notification(Sentinel))).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestServer.Path) { Content = new ByteArrayContent(bytes) };
        request.Headers.Add("X-API-Key", "k");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(Sentinel, (await server.Handler.NextRunAsync()).ProcessId);
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_is_413_and_the_handler_never_runs()
    {
        await using var server = await StartAsync(o => o.MaxRequestBodySize = 1024);
        var padding = new string('x', 2000);

        using var declared = await server.PostAsync($$"""{"processId":"11111111-1111-1111-1111-111111111111","pad":"{{padding}}"}""", Credentials);
        using var chunked = await PostChunkedAsync(server, $$"""{"processId":"11111111-1111-1111-1111-111111111111","pad":"{{padding}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Fact]
    public async Task Only_POST_is_mapped()
    {
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, WebhookTestServer.Path);
        request.Headers.Add("X-API-Key", "k");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static Task<WebhookTestServer> StartAsync(Action<IdCloudWebhookOptions>? more = null) =>
        WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.ApiKey;
            o.ApiKey = "X-API-Key:k";
            more?.Invoke(o);
        });

    private static async Task<HttpResponseMessage> PostChunkedAsync(WebhookTestServer server, string json)
    {
        // No Content-Length: the limit must hold while reading, not only from the header.
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestServer.Path)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-API-Key", "k");
        return await server.Client.SendAsync(request);
    }

    private static async Task AssertOnlySentinelRunsAsync(WebhookTestServer server)
    {
        using var good = await server.PostAsync(WebhookTestServer.Notification(Sentinel), Credentials);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal(Sentinel, (await server.Handler.NextRunAsync()).ProcessId);
        Assert.Equal([Sentinel], server.Handler.Runs.Select(r => r.ProcessId));
    }
}
