using System.CommandLine;

namespace Unico.IdCloud.Cli.Settings;

/// <summary>The options every command accepts: where the <c>IdCloud</c> settings come from, and <c>--json</c>.</summary>
internal static class GlobalOptions
{
    public static readonly Option<FileInfo?> SettingsFile = new("--settings")
    {
        Description = "A JSON file with an \"IdCloud\" section (like appsettings.json). Environment variables (IdCloud__...) override it.",
        Recursive = true,
    };

    public static readonly Option<string?> UserSecretsId = new("--user-secrets-id")
    {
        Description = "Also read the user secrets of the app with this UserSecretsId (dotnet user-secrets).",
        Recursive = true,
    };

    public static readonly Option<string?> Account = new("--account")
    {
        Description = "Use the named service account bound from IdCloud:Accounts:<name> instead of the IdCloud section itself.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write one JSON document to standard output, for scripts (progress and problems go to standard error).",
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(SettingsFile);
        root.Options.Add(UserSecretsId);
        root.Options.Add(Account);
        root.Options.Add(Json);
    }
}
