using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Unico.IdCloud.Cli.Tests.Infrastructure;

namespace Unico.IdCloud.Cli.Tests;

/// <summary><c>idcloud emulator</c> as a process: what it prints, its key file, --port, and a clean stop on SIGTERM.</summary>
public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Prints_addresses_account_and_settings_and_stops_cleanly_on_sigterm()
    {
        var emulator = await EmulatorProcess.StartAsync();
        var keyPath = emulator.PrivateKeyPath;
        Assert.True(File.Exists(keyPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(keyPath), StringComparison.Ordinal);
        Assert.Equal(emulator.IdentityBaseAddress, emulator.Environment["IdCloud__IdentityBaseAddress"]);
        Assert.Equal(emulator.AccountName, emulator.Environment["IdCloud__ServiceAccount__AccountName"]);
        Assert.Equal(emulator.TenantId, emulator.Environment["IdCloud__ServiceAccount__TenantId"]);
        Assert.Equal(keyPath, emulator.Environment["IdCloud__ServiceAccount__PrivateKeyPath"]);
        Assert.DoesNotContain("PRIVATE KEY", emulator.Ready.GetRawText(), StringComparison.Ordinal);

        var (exitCode, standardError) = await emulator.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("emulator stopped", standardError, StringComparison.Ordinal);
        Assert.False(File.Exists(keyPath), "the temporary key file is deleted on exit");
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task Human_output_has_the_settings_to_paste_and_no_key_material()
    {
        using var process = Process.Start(IdCloudCli.StartInfo(["emulator"]))!;
        process.StandardInput.Close();
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.Trim() == "}")
            {
                break;
            }
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync();
        var text = string.Join('\n', lines);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("identity   http://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("control    http://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("export IdCloud__ServiceAccount__PrivateKeyPath=", text, StringComparison.Ordinal);
        Assert.Contains("export IdCloud__ServiceAccount__TenantId=", text, StringComparison.Ordinal);
        Assert.Contains("\"IdCloud\": {", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_file_option_writes_the_key_there_owner_only_and_keeps_it_after_exit()
    {
        // docs/cli.md: the ready account's key goes to a 0600 temporary file deleted on exit, "or --key-file": a path
        // the user chose, so it stays; it is owner-only even when a readable file of that name was there before.
        var folder = Directory.CreateTempSubdirectory("idcloud-keyfile-test-");
        try
        {
            var keyPath = Path.Combine(folder.FullName, "emulator.key.pem");
            await File.WriteAllTextAsync(keyPath, "stale");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            var emulator = await EmulatorProcess.StartAsync("--key-file", keyPath);
            Assert.Equal(keyPath, emulator.Environment["IdCloud__ServiceAccount__PrivateKeyPath"]);
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(keyPath), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
            }

            var token = await IdCloudCli.RunAsync(emulator.Environment, "token");
            Assert.True(token.ExitCode == 0, token.ToString());

            var (exitCode, _) = await emulator.StopAsync();
            await emulator.DisposeAsync();
            Assert.Equal(0, exitCode);
            Assert.True(File.Exists(keyPath), "a key file the user named is not deleted on exit");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Port_option_puts_identity_process_and_signature_on_consecutive_ports()
    {
        var port = FreeConsecutivePorts();
        await using var emulator = await EmulatorProcess.StartAsync("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal($"http://127.0.0.1:{port}", emulator.IdentityBaseAddress);
        Assert.Equal($"http://127.0.0.1:{port + 1}", emulator.ProcessApiBaseAddress);
        Assert.Equal($"http://127.0.0.1:{port + 2}", emulator.SignatureApiBaseAddress);
        var doctor = await IdCloudCli.RunAsync(emulator.Environment, "doctor");
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
    }

    [Fact]
    public async Task A_port_in_use_exits_1_and_says_so()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await IdCloudCli.RunAsync(null, "emulator", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("could not listen", result.StandardError, StringComparison.Ordinal);
    }

    private static int FreeConsecutivePorts()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port > 65530)
            {
                continue;
            }

            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                using var third = new TcpListener(IPAddress.Loopback, port + 2);
                second.Start();
                third.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No three consecutive free ports found.");
    }
}
