using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// An HTTP/1.1 server on a raw <see cref="TcpListener"/> (127.0.0.1, free port) that can misbehave in ways Kestrel and the
/// emulator cannot: trickle a body, announce a body it never sends, stream forever. It reads each request head, lets
/// <c>respond</c> write whatever bytes it wants, and keeps the connection open for the next request when
/// <c>respond</c> returns. It counts the TCP connections it accepted.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Stream, string, CancellationToken, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _connectionCount;
    private int _requestCount;

    /// <param name="respond">Writes one answer for the request whose head (request line and headers) it is given.</param>
    public RawHttpServer(Func<Stream, string, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start(backlog: 4096);
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>TCP connections accepted so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Request heads read so far.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Writes a status line and headers (ASCII) followed by the blank line.</summary>
    public static Task WriteHeadAsync(Stream stream, string head, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n"), cancellationToken).AsTask();

    /// <summary>Writes a complete answer: status line, JSON content type, exact length, body.</summary>
    public static async Task WriteJsonAsync(Stream stream, string statusLine, byte[] body, CancellationToken cancellationToken)
    {
        await WriteHeadAsync(stream, $"HTTP/1.1 {statusLine}\nContent-Type: application/json\nContent-Length: {body.Length}\n", cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        try
        {
            await Task.WhenAll(connections.Append(_accepting)).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Connections end by being torn down; that is the point of stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connectionCount);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var head = await ReadHeadAsync(stream, _stop.Token);
                    if (head is null)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _requestCount);
                    await _respond(stream, head, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client gave up (the SDK's budget) or the server is stopping.
            }
        }
    }

    /// <summary>
    /// Reads the body of the request whose head is <paramref name="head"/> (Content-Length or chunked; none otherwise), so
    /// a server can answer after the whole request arrived and keep the connection for the next one.
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(Stream stream, string head, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        var headers = head.Split("\r\n");
        if (headers.FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } length)
        {
            await CopyExactlyAsync(stream, body, long.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (headers.Any(h => h.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && h.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            while (true)
            {
                var size = long.Parse((await ReadLineAsync(stream, cancellationToken)).Split(';')[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                await CopyExactlyAsync(stream, body, size, cancellationToken);
                await ReadLineAsync(stream, cancellationToken);
                if (size == 0)
                {
                    break;
                }
            }
        }

        return body.ToArray();
    }

    private static async Task CopyExactlyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (count > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("The request body ended early.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != (byte)'\n')
        {
            if (one[0] != (byte)'\r')
            {
                line.Append((char)one[0]);
            }
        }

        return line.ToString();
    }

    /// <summary>Reads up to the blank line ending the request head (a body is left to the responder). Null at end of stream.</summary>
    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        var last4 = 0u;
        while (last4 != 0x0D0A0D0Au)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
            last4 = (last4 << 8) | one[0];
        }

        return head.ToString();
    }
}
