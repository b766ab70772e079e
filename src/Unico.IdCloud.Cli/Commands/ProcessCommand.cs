using System.CommandLine;

namespace Unico.IdCloud.Cli.Commands;

/// <summary><c>idcloud process create|set-document|get|wait|download|interpret</c>.</summary>
internal static class ProcessCommand
{
    public static Command Create()
    {
        var command = new Command("process", "Create a by Unico process, send its document, read it, wait for it, download its artifacts, interpret its result.");
        command.Subcommands.Add(ProcessCreateCommand.Create());
        command.Subcommands.Add(ProcessSetDocumentCommand.Create());
        command.Subcommands.Add(ProcessGetCommand.Create());
        command.Subcommands.Add(ProcessWaitCommand.Create());
        command.Subcommands.Add(ProcessDownloadCommand.Create());
        command.Subcommands.Add(ProcessInterpretCommand.Create());
        return command;
    }

    /// <summary>The process id argument every subcommand but create takes.</summary>
    public static Argument<string> IdArgument() => new("process-id") { Description = "The process id (a GUID) returned by `idcloud process create`." };
}
