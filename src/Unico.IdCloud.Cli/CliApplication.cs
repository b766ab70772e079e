using System.CommandLine;
using Unico.IdCloud.Cli.Commands;
using Unico.IdCloud.Cli.Settings;

namespace Unico.IdCloud.Cli;

/// <summary>The <c>idcloud</c> command tree.</summary>
internal static class CliApplication
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "idcloud: the Unico IDCloud command-line tool. Reads the same IdCloud settings as the SDK: environment variables " +
            "(IdCloud__ServiceAccount__TenantId, ...), --settings appsettings.json, --user-secrets-id, --account name. Never prints a secret.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(ProcessCommand.Create());
        root.Subcommands.Add(EmulatorCommand.Create());
        root.Subcommands.Add(WebhookCommand.Create());
        return root;
    }

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
