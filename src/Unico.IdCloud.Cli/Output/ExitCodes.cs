namespace Unico.IdCloud.Cli.Output;

/// <summary>The process exit codes every command uses, so scripts can branch on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked (doctor: every check passed).</summary>
    public const int Success = 0;

    /// <summary>The command ran but the answer is a failure: a doctor check failed, the API refused, a wait timed out.</summary>
    public const int Failure = 1;

    /// <summary>The input was wrong: an unknown code, a missing file, an invalid option value, unusable settings.</summary>
    public const int InvalidInput = 2;

    /// <summary>Ctrl+C or SIGTERM stopped the command before it finished.</summary>
    public const int Cancelled = 130;
}
