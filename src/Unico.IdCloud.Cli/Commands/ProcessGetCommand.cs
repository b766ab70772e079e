using System.CommandLine;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;

namespace Unico.IdCloud.Cli.Commands;

/// <summary><c>idcloud process get &lt;id&gt;</c>: one GetProcess, printed with the SDK's interpretation.</summary>
internal static class ProcessGetCommand
{
    public static Command Create()
    {
        var id = ProcessCommand.IdArgument();
        var command = new Command("get", "Read a process once (GetProcess) and print its state, result and verdicts.") { id };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            await using var services = IdCloudServices.Create(SettingsSource.Load(parse));
            var process = await services.Processes.GetProcessAsync(parse.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            ProcessPrinter.Print(console, process);
            return ExitCodes.Success;
        }));
        return command;
    }
}
