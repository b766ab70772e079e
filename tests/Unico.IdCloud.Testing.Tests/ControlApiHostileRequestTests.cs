using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// Malformed calls to the emulator's HTTP control API (<c>/_emulator/...</c>) over real sockets: each gets a clear 4xx
/// naming what is wrong, and the emulator keeps serving.
/// </summary>
public sealed class ControlApiHostileRequestTests
{
    /// <summary>Guard against a hang only; the answer is expected as soon as the cap is passed.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_chunked_body_that_never_ends_is_refused_413_once_past_one_megabyte()
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, emulator.ProcessApiBaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("POST /_emulator/faults HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray());

        // 2 MB of body, then the client stalls without ending it: a server that reads to the end before checking the
        // size never answers (or answers the stall, not the size).
        var chunk = Encoding.ASCII.GetBytes("4000\r\n" + new string(' ', 0x4000) + "\r\n");
        for (var sent = 0; sent < 2 * 1024 * 1024; sent += 0x4000)
        {
            await stream.WriteAsync(chunk);
        }

        var statusLine = await ReadStatusLineAsync(stream).WaitAsync(Guard);

        Assert.StartsWith("HTTP/1.1 413", statusLine, StringComparison.Ordinal);
        await AssertStillServingAsync(emulator);
    }

    [Fact]
    public async Task An_announced_body_over_one_megabyte_is_refused_413_before_it_is_sent()
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, emulator.ProcessApiBaseAddress.Port);
        var stream = tcp.GetStream();

        // Under the server's own 64 MB limit, over the control API's 1 MB: nothing of the body is ever sent.
        await stream.WriteAsync("POST /_emulator/faults HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n"u8.ToArray());
        var statusLine = await ReadStatusLineAsync(stream).WaitAsync(Guard);

        Assert.StartsWith("HTTP/1.1 413", statusLine, StringComparison.Ordinal);
        await AssertStillServingAsync(emulator);
    }

    [Theory]
    [InlineData("PUT", "/webhook", """{"url":"http://127.0.0.1:9/hook","authentication":"basic"}""", "authentication")]
    [InlineData("PUT", "/webhook", """{"url":"http://127.0.0.1:9/hook","deliverTwice":"true"}""", "deliverTwice")]
    [InlineData("POST", "/accounts", """{"accountName":5}""", "accountName")]
    [InlineData("POST", "/faults", """{"route":"GetProcess","fault":"Status","status":500,"body":{"error":"x"}}""", "body")]
    public async Task A_member_of_the_wrong_type_is_a_400_naming_it_not_a_silent_default(string method, string path, string json, string member)
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.ProcessApiBaseAddress };

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/_emulator" + path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains($"\"{member}\"", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        await AssertStillServingAsync(emulator);
    }

    private static async Task AssertStillServingAsync(IdCloudEmulator emulator)
    {
        using var http = new HttpClient { BaseAddress = emulator.ProcessApiBaseAddress };
        using var info = await http.GetAsync(new Uri("/_emulator", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
    }

    private static async Task<string> ReadStatusLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != (byte)'\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString().TrimEnd('\r');
    }
}
