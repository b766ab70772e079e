using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client.DependencyInjection;

/// <summary>
/// One service account registered with <c>AddIdCloud</c>: its name (<see cref="Options.DefaultName"/>, the empty
/// string, for the default account), the key its services are registered under (<see langword="null"/> for the default
/// account, so its services stay plain, non-keyed registrations exactly as before named accounts existed), where its
/// settings live in configuration, and the names of its HTTP clients.
/// </summary>
internal sealed class IdCloudAccount
{
    /// <summary>Where named accounts are bound from by convention: <c>IdCloud:Accounts:&lt;name&gt;</c>.</summary>
    public const string AccountsSectionName = "Accounts";

    private IdCloudAccount(string name, string configurationPath)
    {
        Name = name;
        ConfigurationPath = configurationPath;
        ServiceKey = name.Length == 0 ? null : name;
        var suffix = name.Length == 0 ? string.Empty : "." + name;
        ProcessApiHttpClientName = IdCloudHttpClientNames.ProcessApi + suffix;
        SignatureApiHttpClientName = IdCloudHttpClientNames.SignatureApi + suffix;
        IdentityHttpClientName = IdCloudHttpClientNames.Identity + suffix;
        ByClientHttpClientName = ByClient.ByClientOperations.HttpClientName + suffix;
    }

    /// <summary>The account's name; empty for the default account.</summary>
    public string Name { get; }

    /// <summary>The service key of the account's keyed services; <see langword="null"/> (not keyed) for the default account.</summary>
    public string? ServiceKey { get; }

    /// <summary>The configuration path named in validation messages: <c>IdCloud</c> or <c>IdCloud:Accounts:&lt;name&gt;</c>.</summary>
    public string ConfigurationPath { get; }

    public bool IsDefault => ServiceKey is null;

    /// <summary>The account as telemetry and logs name it (<c>idcloud.account</c>): <c>default</c> or the name.</summary>
    public string TelemetryName => IsDefault ? Diagnostics.IdCloudTelemetry.DefaultAccount : Name;

    public string ProcessApiHttpClientName { get; }

    public string SignatureApiHttpClientName { get; }

    public string IdentityHttpClientName { get; }

    public string ByClientHttpClientName { get; }

    /// <summary>The default account, configured under <c>IdCloud</c>.</summary>
    public static IdCloudAccount Default { get; } = new(Options.DefaultName, IdCloudOptions.DefaultSectionName);

    /// <summary>A named account; <paramref name="configurationPath"/> defaults to <c>IdCloud:Accounts:&lt;name&gt;</c>.</summary>
    public static IdCloudAccount Named(string name, string? configurationPath = null) =>
        new(name, string.IsNullOrWhiteSpace(configurationPath) ? DefaultPathOf(name) : configurationPath);

    /// <summary><c>IdCloud:Accounts:&lt;name&gt;</c>.</summary>
    public static string DefaultPathOf(string name) =>
        IdCloudOptions.DefaultSectionName + ":" + AccountsSectionName + ":" + name;

    /// <summary>The account name as shown to people: <c>(default)</c> or the name.</summary>
    public override string ToString() => IsDefault ? "(default)" : Name;
}
