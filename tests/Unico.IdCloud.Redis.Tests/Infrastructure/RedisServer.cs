using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Unico.IdCloud.Redis.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (the Debian package; <c>eng/install-redis.sh</c> installs it) on a free loopback port,
/// without persistence, stopped (killed) when disposed or when a test stops it on purpose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        // A free port is one the OS handed to a listener that then let it go: until redis-server binds it, anything
        // else on the machine may take it (another listener, the local end of an outgoing connection), and then
        // redis-server exits at once with "Address already in use". That is a busy machine, not the code under test:
        // a port this class picked is picked again; one the test chose (a restart on the same port) is not.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(port ?? FreePort());
            try
            {
                await server.WaitUntilAcceptingAsync();
                return server;
            }
            catch (InvalidOperationException) when (port is null && attempt < 5 && server.PortWasTaken)
            {
                await server.DisposeAsync();
            }
        }
    }

    private bool PortWasTaken
    {
        get
        {
            lock (_output)
            {
                return _output.ToString().Contains("Address already in use", StringComparison.Ordinal);
            }
        }
    }

    private static RedisServer Launch(int chosen)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", chosen.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: run eng/install-redis.sh (.ci/run does).", ex);
        }

        var server = new RedisServer(process, chosen);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Record(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Kills the server (as a crash or a network partition would look to clients).</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilAcceptingAsync()
    {
        // A deadline, not a count of 25 ms attempts: on a loaded machine starting a process can take seconds.
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // its output is all read
                string output;
                lock (_output)
                {
                    output = _output.ToString();
                }

                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}: {output}");
            }

            try
            {
                // Answered PONG: this redis-server, not whatever else may have taken the port before it.
                using var client = new TcpClient();
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.ConnectAsync(IPAddress.Loopback, Port, patience.Token);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), patience.Token);
                var answer = new byte[7];
                var read = 0;
                while (read < answer.Length && await stream.ReadAsync(answer.AsMemory(read), patience.Token) is var n and > 0)
                {
                    read += n;
                }

                if (System.Text.Encoding.ASCII.GetString(answer, 0, read) == "+PONG\r\n" && !_process.HasExited)
                {
                    return;
                }

                await Task.Delay(25);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                await Task.Delay(25);
            }
        }

        throw new TimeoutException($"redis-server did not answer PING on port {Port} within 30 s.");
    }
}
