using System.CommandLine;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// <c>idcloud process wait &lt;id&gt; [--timeout 600]</c>: waits for the process to finish with the SDK's waiter
/// (polling with back-off, so it stays within the tenant's rate budget) and shows live progress.
/// </summary>
internal static class ProcessWaitCommand
{
    public static Command Create()
    {
        var id = ProcessCommand.IdArgument();
        var timeout = new Option<int>("--timeout") { Description = "Give up after this many seconds (default 600).", DefaultValueFactory = _ => 600 };
        var interval = new Option<int?>("--max-interval") { Description = "The longest pause between two reads, in seconds (the SDK's back-off grows up to it)." };
        var command = new Command("wait", "Wait until a process finishes (polling with back-off), with live progress, then print it.") { id, timeout, interval };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            var processId = parse.GetValue(id)!;
            var options = new IdCloudWaitOptions { Deadline = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))) };
            if (parse.GetValue(interval) is { } max)
            {
                options.MaxDelay = TimeSpan.FromSeconds(Math.Max(1, max));
                options.InitialDelay = options.InitialDelay > options.MaxDelay ? options.MaxDelay : options.InitialDelay;
            }

            await using var services = IdCloudServices.Create(SettingsSource.Load(parse));
            Client.Models.IdCloudProcess process;
            try
            {
                await using (new ProgressLine(console, () => $"waiting for {processId} to finish..."))
                {
                    process = await services.Waiter.WaitForCompletionAsync(processId, options, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (IdCloudWaitTimeoutException ex)
            {
                console.Problem($"the process did not finish within {ex.Deadline.TotalSeconds} s ({ex.Reads} reads); last state {ex.LastKnownProcess?.State.Value ?? "unknown"}.");
                if (ex.LastKnownProcess is { } last)
                {
                    ProcessPrinter.Print(console, last);
                }

                return ExitCodes.Failure;
            }

            console.Note($"finished: {process.State.Value} / {process.Result?.Value}");
            ProcessPrinter.Print(console, process);
            return ExitCodes.Success;
        }));
        return command;
    }
}
