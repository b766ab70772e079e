using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Settings;

/// <summary>
/// The <c>IdCloud</c> settings as the SDK would read them in an app: a JSON file (<c>--settings</c>), user secrets
/// (<c>--user-secrets-id</c>), then environment variables (<c>IdCloud__ServiceAccount__TenantId</c>, ...), later
/// sources winning. <c>--account name</c> selects <c>IdCloud:Accounts:name</c>.
/// </summary>
internal sealed class SettingsSource
{
    private SettingsSource(IConfigurationSection section, IReadOnlyList<string> origins)
    {
        Section = section;
        Origins = origins;
    }

    /// <summary>The section the SDK binds (<c>IdCloud</c> or <c>IdCloud:Accounts:name</c>).</summary>
    public IConfigurationSection Section { get; }

    /// <summary>The configuration path of <see cref="Section"/>, to name settings in messages.</summary>
    public string Path => Section.Path;

    /// <summary>Where the settings were read from, for the doctor's report (no values).</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>The full key of a setting, e.g. <c>IdCloud:ServiceAccount:TenantId</c>.</summary>
    public string Key(string relative) => Path + ":" + relative;

    /// <summary>A raw setting, trimmed; null when missing or blank.</summary>
    public string? Get(string relative) => Section[relative] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <exception cref="SettingsException">The settings file is missing or is not valid JSON.</exception>
    public static SettingsSource Load(ParseResult parse)
    {
        var file = parse.GetValue(GlobalOptions.SettingsFile);
        var secretsId = parse.GetValue(GlobalOptions.UserSecretsId);
        var account = parse.GetValue(GlobalOptions.Account);
        var builder = new ConfigurationBuilder();
        var origins = new List<string>();
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new SettingsException($"--settings: the file '{file.FullName}' does not exist.");
            }

            builder.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
            origins.Add($"JSON file {file.FullName}");
        }

        if (!string.IsNullOrWhiteSpace(secretsId))
        {
            builder.AddUserSecrets(secretsId.Trim(), reloadOnChange: false);
            origins.Add($"user secrets '{secretsId.Trim()}'");
        }

        builder.AddEnvironmentVariables();
        origins.Add("environment variables (IdCloud__...)");

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw new SettingsException($"--settings: '{file?.FullName}' could not be read as JSON ({ex.GetType().Name}). Fix the file (it needs an \"{IdCloudOptions.DefaultSectionName}\" object).", ex);
        }

        var path = string.IsNullOrWhiteSpace(account)
            ? IdCloudOptions.DefaultSectionName
            : $"{IdCloudOptions.DefaultSectionName}:Accounts:{account.Trim()}";
        var section = root.GetSection(path);
        if (!string.IsNullOrWhiteSpace(account) && !section.Exists())
        {
            throw new SettingsException($"--account {account}: there is no section {path} in the settings ({string.Join("; ", origins)}). Add it, or leave --account out to use the {IdCloudOptions.DefaultSectionName} section.");
        }

        return new SettingsSource(section, origins);
    }
}
