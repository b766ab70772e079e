using System.CommandLine;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// <c>idcloud process interpret &lt;id&gt;</c>: applies the vendor's decision rule (the SDK's <c>Interpret()</c>) and
/// prints the outcome, its reasons and the explanation. Exit 0 for Approved, 1 for any other outcome, so a script can
/// branch on it.
/// </summary>
internal static class ProcessInterpretCommand
{
    public static Command Create()
    {
        var id = ProcessCommand.IdArgument();
        var command = new Command("interpret", "Apply Unico's decision rule to a process: Approved, Denied, Inconclusive, Expired, Error or Pending (exit 0 only for Approved).") { id };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            await using var services = IdCloudServices.Create(SettingsSource.Load(parse));
            var process = await services.Processes.GetProcessAsync(parse.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            var summary = process.Interpret();
            if (console.Json)
            {
                console.WriteJson(w => ProcessPrinter.Write(w, process, summary));
            }
            else
            {
                console.Line($"outcome:     {summary.Outcome}{(summary.IsFinal ? string.Empty : " (not final: the process is still open)")}");
                console.Line($"reasons:     {string.Join(", ", summary.Reasons)}");
                console.Line($"explanation: {summary.Explanation}");
            }

            return summary.Outcome == IdCloudProcessOutcome.Approved ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
