namespace Unico.IdCloud.Cli.Settings;

/// <summary>The CLI could not read its settings (a missing or malformed <c>--settings</c> file, an unknown <c>--account</c>).</summary>
internal sealed class SettingsException : Exception
{
    public SettingsException()
    {
    }

    public SettingsException(string message)
        : base(message)
    {
    }

    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
