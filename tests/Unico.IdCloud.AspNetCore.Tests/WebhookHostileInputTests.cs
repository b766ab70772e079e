using System.Net;
using System.Text;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using static Unico.IdCloud.AspNetCore.Tests.Infrastructure.HostileWebhookReceiver;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// Issue 14 item 4 and the receiver risks: bodies and ids an attacker (or a broken sender) can send must end in a
/// 400 — never a 500 that IDCloud would redeliver forever, never a forged or unbounded log line.
/// </summary>
public sealed class WebhookHostileInputTests
{

    /// <summary>The body: <c>{"processId":"ab</c>, the invalid UTF-8 pair <c>C3 28</c>, then <c>"}</c>.</summary>
    private static readonly byte[] InvalidUtf8Body = [.. """{"processId":"ab"""u8, 0xC3, 0x28, .. "\"}"u8];

    [Fact]
    public async Task InvalidUtf8Body_Answers400InsteadOf500()
    {
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestServer.Path) { Content = new ByteArrayContent(InvalidUtf8Body) };
        request.Headers.Add("X-API-Key", "k");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Fact]
    public void TryParse_WithInvalidUtf8_ReturnsFalseInsteadOfThrowing()
    {
        Assert.False(IdCloudWebhookNotification.TryParse(InvalidUtf8Body, out var notification));
        Assert.Null(notification);
        // Invalid UTF-8 in a member the parser would otherwise ignore or keep: still no exception.
        Assert.False(IdCloudWebhookNotification.TryParse([.. """{"processId":"a","flow":"x"""u8, 0xFF, .. "\"}"u8], out _));
        Assert.False(IdCloudWebhookNotification.TryParse([.. "{\"x"u8, 0xC0, 0xAF, .. "\":1,\"processId\":\"a\"}"u8], out _));
    }

    [Fact]
    public void TryParse_OnRandomAndMutatedBytes_NeverThrows()
    {
        // Seeded, so a failure is reproducible: 20 000 random bodies and 20 000 single/multi-byte mutations of a
        // valid notification (the shapes that get deepest into the parser).
        var random = new Random(20261201);
        var valid = Encoding.UTF8.GetBytes("""{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","state":"PROCESS_STATE_FINISHED","flow":"id","lastEvent":"EVENT_TYPE_SESSION_ENDED"}""");
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 96)];
            random.NextBytes(bytes);
            parsed += Parse(bytes);

            var mutated = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            parsed += Parse(mutated.AsSpan(0, random.Next(mutated.Length + 1)));
        }

        // Sanity: the mutations do reach the success path sometimes (a flipped byte inside a value).
        Assert.InRange(parsed, 1, 40_000);

        static int Parse(ReadOnlySpan<byte> body)
        {
            var ok = IdCloudWebhookNotification.TryParse(body, out var notification);
            Assert.Equal(ok, notification is not null);
            return ok ? 1 : 0;
        }
    }

    [Fact]
    public async Task ProcessIdWithCrLf_IsRejectedWith400BeforeAnyLogLine_NoLogForging()
    {
        await using var server = await StartAsync();
        const string forged = "8263a268\r\ninfo: Unico.IdCloud[6007] IDCloud webhook handler finished for process FORGED";
        var body = $$"""{"processId":"{{forged.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}}"}""";

        using var response = await server.PostAsync(body, Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains('\r', StringComparison.Ordinal) || e.Message.Contains('\n', StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("FORGED", StringComparison.Ordinal));
        var rejected = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 6016);
        Assert.Contains("8263a268\\u000d\\u000a", rejected.Message, StringComparison.Ordinal);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Fact]
    public async Task ProcessIdOf60000Chars_IsRejectedWith400AndLoggedShortened()
    {
        await using var server = await StartAsync(o => o.MaxRequestBodySize = 128 * 1024);
        var huge = new string('a', 60_000);

        using var response = await server.PostAsync($$"""{"processId":"{{huge}}"}""", Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.All(server.Logs.Entries, e => Assert.True(e.Message.Length < 400, $"log line of {e.Message.Length} chars"));
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6016 && e.Message.Contains("60000 chars", StringComparison.Ordinal));
        await AssertOnlySentinelRunsAsync(server);
    }

    [Theory]
    [InlineData("8263a268 5388")]
    [InlineData("8263a268\"5388")]
    [InlineData("../../etc/passwd")]
    [InlineData("8263a268\u00e9")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("8263a268..5388")]
    [InlineData("..%2F..%2Fadmin")]
    [InlineData("8263a268%2F5388")]
    [InlineData("..\\..\\x")]
    public async Task ProcessIdThatCanNeverNameAProcess_Answers400AndIsNotHandled(string processId)
    {
        await using var server = await StartAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["processId"] = processId });

        using var response = await server.PostAsync(body, Credentials);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertOnlySentinelRunsAsync(server);
    }

    [Theory]
    [InlineData(128, HttpStatusCode.Accepted)]
    [InlineData(129, HttpStatusCode.BadRequest)]
    public async Task ProcessIdLimit_Is128CharactersOfLettersDigitsAndTheDocumentedPunctuation(int length, HttpStatusCode expected)
    {
        // docs/completion.md "Parsing": refused are ids of "more than 128 characters, or any character other than ASCII
        // letters, digits and - _ . { } ( )". So 128 such characters (every allowed punctuation mark included) pass.
        await using var server = await StartAsync();
        const string allowed = "Ab9-_.{}()";
        var processId = string.Concat(Enumerable.Repeat(allowed, (length / allowed.Length) + 1))[..length];

        using var response = await server.PostAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["processId"] = processId }), Credentials);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Accepted)
        {
            Assert.Equal(processId, (await server.Handler.NextRunAsync()).ProcessId);
        }
    }


}
