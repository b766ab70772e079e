using System.CommandLine;
using System.Globalization;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// <c>idcloud process download &lt;id&gt; [--output folder]</c>: every artifact of a finished process (selfie,
/// evidence set, signed documents and their evidence) through the SDK's downloader, with its SHA-256 manifest.
/// </summary>
internal static class ProcessDownloadCommand
{
    public static Command Create()
    {
        var id = ProcessCommand.IdArgument();
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "The folder to write to (default ./idcloud-<process-id>)." };
        var command = new Command("download", "Download every artifact of a finished process and write manifest.json with their SHA-256.") { id, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            var processId = parse.GetValue(id)!;
            var folder = parse.GetValue(output)?.FullName ?? Path.GetFullPath("idcloud-" + processId);
            await using var services = IdCloudServices.Create(SettingsSource.Load(parse));
            IdCloudArtifactManifest manifest;
            await using (new ProgressLine(console, () => $"downloading the artifacts of {processId} to {folder}..."))
            {
                manifest = await services.Downloader.DownloadAllAsync(processId, folder, cancellationToken).ConfigureAwait(false);
            }

            if (console.Json)
            {
                console.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("processId", manifest.ProcessId);
                    w.WriteString("folder", folder);
                    w.WriteString("manifest", Path.Combine(folder, IdCloudArtifactManifest.FileName));
                    w.WriteStartArray("files");
                    foreach (var file in manifest.Files)
                    {
                        w.WriteStartObject();
                        w.WriteString("artifact", file.Artifact.ToString());
                        w.WriteString("fileName", file.FileName);
                        w.WriteString("contentType", file.ContentType);
                        w.WriteNumber("size", file.Size);
                        w.WriteString("sha256", file.Sha256);
                        w.WriteString("documentId", file.DocumentId);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("skipped");
                    foreach (var skipped in manifest.Skipped)
                    {
                        w.WriteStartObject();
                        w.WriteString("artifact", skipped.Artifact.ToString());
                        w.WriteString("reason", skipped.Reason);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            console.Line($"downloaded {manifest.Files.Count} file(s) to {folder}");
            foreach (var file in manifest.Files)
            {
                console.Line(string.Create(CultureInfo.InvariantCulture, $"  {file.FileName,-40} {file.Size,12:N0} bytes  sha256 {file.Sha256}"));
            }

            foreach (var skipped in manifest.Skipped)
            {
                console.Line($"  skipped {skipped.Artifact}: {skipped.Reason}");
            }

            console.Line($"manifest: {Path.Combine(folder, IdCloudArtifactManifest.FileName)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
