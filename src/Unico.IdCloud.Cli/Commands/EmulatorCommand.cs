using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// <c>idcloud emulator [--port N]</c>: runs <see cref="IdCloudEmulator"/> as a standalone server for any language,
/// prints its addresses, a ready service account (key file, tenant, account) and the settings to paste, and stays up
/// until Ctrl+C or SIGTERM. Its control API (<c>/_emulator/...</c>) scripts outcomes, faults and webhooks.
/// </summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The identity listener's port; the process API takes port+1 and the signature API port+2. 0 (default) picks free ports.", DefaultValueFactory = _ => 0 };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "Where to write the ready account's private key (default: a temporary file, deleted on exit)." };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant id of the ready account (default: a new GUID)." };
        var account = new Option<string?>("--account-name") { Description = "The ready account's name, at most 12 characters (default: a random one)." };
        var command = new Command("emulator", "Run the IDCloud emulator as a standalone server (any language can use it) until Ctrl+C.") { port, keyFile, tenant, account };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            var firstPort = parse.GetValue(port);
            if (firstPort is < 0 or > 65533)
            {
                console.Problem("--port must be between 0 and 65533 (three consecutive ports are used).");
                return ExitCodes.InvalidInput;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

            // SIGTERM (docker stop, kill, CI teardown) stops the emulator cleanly, like Ctrl+C.
            // System.CommandLine may cancel the command for the same signal first: then this handler races the disposal.
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                try
                {
                    stop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Already stopping.
                }
            });

            IdCloudEmulator emulator;
            try
            {
                emulator = await IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions { Port = firstPort == 0 ? null : firstPort, TenantId = parse.GetValue(tenant) }, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                console.Problem($"the emulator could not listen on ports {firstPort}-{firstPort + 2} ({ex.Message}). Choose another --port, or 0 for free ports.");
                return ExitCodes.Failure;
            }

            await using (emulator.ConfigureAwait(false))
            {
                var ready = emulator.CreateServiceAccount(parse.GetValue(account));
                var tempFolder = parse.GetValue(keyFile) is null ? Directory.CreateTempSubdirectory("idcloud-emulator-").FullName : null;
                var keyPath = parse.GetValue(keyFile)?.FullName ?? Path.Combine(tempFolder!, ready.AccountName + ".key.pem");
                try
                {
                    await WriteKeyAsync(keyPath, ready.PrivateKeyPem, cancellationToken).ConfigureAwait(false);
                    Print(console, emulator, ready, keyPath);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Ctrl+C or SIGTERM: stop cleanly.
                    }

                    console.Note("emulator stopped.");
                }
                finally
                {
                    if (tempFolder is not null)
                    {
                        Directory.Delete(tempFolder, recursive: true);
                    }
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task WriteKeyAsync(string path, string pem, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only before the key is in it: a new file is created 0600 (never readable under the umask's
            // default mode first), and an existing one is narrowed before it is truncated and rewritten.
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            options.UnixCreateMode = ownerOnly;
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, ownerOnly);
            }
        }

        var file = new FileStream(path, options);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(pem), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Print(CliConsole console, IdCloudEmulator emulator, EmulatedServiceAccount account, string keyPath)
    {
        var identity = emulator.IdentityBaseAddress.OriginalString;
        var process = emulator.ProcessApiBaseAddress.OriginalString;
        var signature = emulator.SignatureApiBaseAddress.OriginalString;
        var control = process + "/_emulator";
        var settings = new (string Key, string Value)[]
        {
            ("IdCloud:IdentityBaseAddress", identity),
            ("IdCloud:ProcessApiBaseAddress", process),
            ("IdCloud:SignatureApiBaseAddress", signature),
            ("IdCloud:ServiceAccount:AccountName", account.AccountName),
            ("IdCloud:ServiceAccount:TenantId", account.TenantId),
            ("IdCloud:ServiceAccount:PrivateKeyPath", keyPath),
        };
        if (console.Json)
        {
            // One line, so a script can read the first line of output and go.
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("identityBaseAddress", identity);
                w.WriteString("processApiBaseAddress", process);
                w.WriteString("signatureApiBaseAddress", signature);
                w.WriteString("audience", emulator.Audience);
                w.WriteString("controlBaseAddress", control);
                w.WriteString("accountName", account.AccountName);
                w.WriteString("tenantId", account.TenantId);
                w.WriteString("privateKeyPath", keyPath);
                w.WriteStartObject("environment");
                foreach (var (key, value) in settings)
                {
                    w.WriteString(key.Replace(":", "__", StringComparison.Ordinal), value);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            console.Out.Flush();
            return;
        }

        console.Line("IDCloud emulator running on loopback. Ctrl+C (or SIGTERM) stops it.");
        console.Line($"  identity   {identity}   POST /oauth2/token   (aud = {emulator.Audience})");
        console.Line($"  process    {process}   /client/v1/process...");
        console.Line($"  signature  {signature}   /api/v1/service/file|evidence/{{documentId}}");
        console.Line($"  control    {control}/   (finish processes, faults, webhooks: see docs/cli.md)");
        console.Line();
        console.Line("ready service account");
        console.Line($"  account    {account.AccountName}");
        console.Line($"  tenant     {account.TenantId}");
        console.Line($"  key file   {keyPath}   (an emulator key: useless anywhere else)");
        console.Line($"  issuer     {account.Issuer}");
        console.Line();
        console.Line("settings to paste (bash):");
        foreach (var (key, value) in settings)
        {
            console.Line($"  export {key.Replace(":", "__", StringComparison.Ordinal)}='{value}'");
        }

        console.Line();
        console.Line("or appsettings.json:");
        console.Line("  \"IdCloud\": {");
        console.Line($"    \"IdentityBaseAddress\": \"{identity}\", \"ProcessApiBaseAddress\": \"{process}\", \"SignatureApiBaseAddress\": \"{signature}\",");
        console.Line($"    \"ServiceAccount\": {{ \"AccountName\": \"{account.AccountName}\", \"TenantId\": \"{account.TenantId}\", \"PrivateKeyPath\": \"{JsonEncodedText.Encode(keyPath)}\" }}");
        console.Line("  }");
        console.Out.Flush();
    }
}
