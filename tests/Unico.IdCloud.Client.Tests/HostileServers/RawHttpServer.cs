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

    /// <summary>Reads up to the blank line ending the request head; requests here have no body. Null at end of stream.</summary>
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
