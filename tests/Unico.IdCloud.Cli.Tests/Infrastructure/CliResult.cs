namespace Unico.IdCloud.Cli.Tests.Infrastructure;

/// <summary>What one run of the CLI produced.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string All => StandardOutput + "\n" + StandardError;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
