namespace Unico.IdCloud.Cli.Doctor;

/// <summary>One doctor check's outcome: which setting it concerns, what was found and what to do.</summary>
/// <param name="Name">A short name (<c>tenant id</c>, <c>clock</c>).</param>
/// <param name="Status">Pass, warn, fail or skip.</param>
/// <param name="Setting">The configuration key (or system setting) concerned, when there is one.</param>
/// <param name="Message">What was found. Never a secret.</param>
/// <param name="Fix">What to do, for warnings and failures.</param>
internal sealed record CheckResult(string Name, CheckStatus Status, string? Setting, string Message, string? Fix = null)
{
    public static CheckResult Pass(string name, string? setting, string message) => new(name, CheckStatus.Pass, setting, message);

    public static CheckResult Fail(string name, string? setting, string message, string fix) => new(name, CheckStatus.Fail, setting, message, fix);

    public static CheckResult Warn(string name, string? setting, string message, string fix) => new(name, CheckStatus.Warn, setting, message, fix);

    public static CheckResult Skip(string name, string why) => new(name, CheckStatus.Skip, null, why);
}
