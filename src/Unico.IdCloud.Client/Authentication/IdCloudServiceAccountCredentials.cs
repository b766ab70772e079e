using System.Globalization;
using System.Security.Cryptography;
using Unico.IdCloud.Client.Authentication;

namespace Unico.IdCloud.Client;

/// <summary>
/// A validated service account: account name, tenant id and the loaded RSA private key that signs the token
/// assertions. Create it with <see cref="FromOptions"/>, which checks everything at start-up and says which setting
/// to fix. Dispose it when the application stops (the DI container does this for you).
/// </summary>
/// <remarks>The key is never exposed: <see cref="ToString"/> shows the issuer, key size and where the key came from.</remarks>
internal sealed class IdCloudServiceAccountCredentials : IDisposable
{
    /// <summary>Where the service-account settings live in configuration by default: <c>IdCloud:ServiceAccount</c>.</summary>
    public const string DefaultConfigurationPath = "IdCloud:ServiceAccount";

    private const string IssuerDomain = ".iam.acesso.io";

    private readonly RSA _privateKey;
    private readonly string _keySource;
    private bool _disposed;

    private IdCloudServiceAccountCredentials(string accountName, string tenantId, RSA privateKey, string keySource)
    {
        AccountName = accountName;
        TenantId = tenantId;
        _privateKey = privateKey;
        _keySource = keySource;
        KeySizeInBits = privateKey.KeySize;
    }

    /// <summary>The service account name.</summary>
    public string AccountName { get; }

    /// <summary>The tenant (company) id.</summary>
    public string TenantId { get; }

    /// <summary>The assertion issuer: <c>&lt;AccountName&gt;@&lt;TenantId&gt;.iam.acesso.io</c>.</summary>
    public string Issuer => AccountName + "@" + TenantId + IssuerDomain;

    /// <summary>The size of the RSA key in bits.</summary>
    public int KeySizeInBits { get; }

    /// <summary>The private key that signs assertions. Internal so it can never leave the SDK.</summary>
    internal RSA PrivateKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _privateKey;
        }
    }

    /// <summary>
    /// Validates the settings and loads the private key. Every problem is reported as an
    /// <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Configuration"/> whose <see cref="IdCloudException.SettingName"/> is the
    /// configuration key to fix; the message says what belongs there and never contains key material.
    /// </summary>
    /// <param name="options">The service-account settings.</param>
    /// <param name="configurationPath">
    /// Where <paramref name="options"/> live in configuration, used to name settings in messages. Default
    /// <c>IdCloud:ServiceAccount</c>.
    /// </param>
    /// <returns>The loaded credentials; the caller disposes them.</returns>
    /// <exception cref="IdCloudException">(<see cref="IdCloudErrorKind.Configuration"/>) A setting is missing or wrong.</exception>
    public static IdCloudServiceAccountCredentials FromOptions(
        IdCloudServiceAccountOptions options,
        string configurationPath = DefaultConfigurationPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configurationPath);

        var accountName = ValidateName(options.AccountName, $"{configurationPath}:{nameof(IdCloudServiceAccountOptions.AccountName)}", "the service account name Unico issued (the part before '@' in the iss of the payload sent with the key)");
        var tenantId = ValidateName(options.TenantId, $"{configurationPath}:{nameof(IdCloudServiceAccountOptions.TenantId)}", "the tenant (company) id Unico issued (the part between '@' and '.iam.acesso.io' in the iss of the payload sent with the key)");

        var pemSetting = $"{configurationPath}:{nameof(IdCloudServiceAccountOptions.PrivateKeyPem)}";
        var pathSetting = $"{configurationPath}:{nameof(IdCloudServiceAccountOptions.PrivateKeyPath)}";
        var hasPem = !string.IsNullOrWhiteSpace(options.PrivateKeyPem);
        var hasPath = !string.IsNullOrWhiteSpace(options.PrivateKeyPath);
        if (hasPem && hasPath)
        {
            throw IdCloudErrors.Configuration(pemSetting, $"{pemSetting} and {pathSetting} are both set. Set only one: the key as PEM text, or the path of the .key.pem file.");
        }

        if (!hasPem && !hasPath)
        {
            throw IdCloudErrors.Configuration(pathSetting, $"{pathSetting} is not set (nor {pemSetting}). Set it to the path of the .key.pem file Unico sent for this service account, or put the PEM text in {pemSetting}.");
        }

        RSA key;
        string source;
        if (hasPem)
        {
            source = pemSetting;
            key = IdCloudPrivateKeyReader.Load(options.PrivateKeyPem!, pemSetting, "the PEM text");
        }
        else
        {
            var path = Path.GetFullPath(options.PrivateKeyPath!.Trim());
            source = $"file '{path}'";
            var origin = $"the file '{path}'";
            key = IdCloudPrivateKeyReader.Load(ReadKeyFile(path, pathSetting, origin), pathSetting, origin);
        }

        return new IdCloudServiceAccountCredentials(accountName, tenantId, key, source);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"IdCloudServiceAccountCredentials {{ Issuer = {Issuer}, Key = RSA {KeySizeInBits}-bit from {_keySource} (redacted) }}");

    /// <summary>Releases the private key.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _privateKey.Dispose();
        }
    }

    private static string ValidateName(string? value, string settingName, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw IdCloudErrors.Configuration(settingName, $"{settingName} is not set. Set it to {what}.");
        }

        var trimmed = value.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal) || trimmed.EndsWith(IssuerDomain, StringComparison.OrdinalIgnoreCase))
        {
            throw IdCloudErrors.Configuration(settingName, $"{settingName} looks like a whole issuer (it contains '@' or '{IssuerDomain}'). Set it to {what} only; the SDK builds iss = <AccountName>@<TenantId>{IssuerDomain} itself.");
        }

        if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '/'))
        {
            throw IdCloudErrors.Configuration(settingName, $"{settingName} contains spaces, slashes or control characters. Set it to {what}.");
        }

        return trimmed;
    }

    private static string ReadKeyFile(string path, string settingName, string origin)
    {
        if (Directory.Exists(path))
        {
            throw IdCloudErrors.Configuration(settingName, $"{settingName}: {origin} is a directory. Set it to the path of the .key.pem file itself.");
        }

        if (!File.Exists(path))
        {
            throw IdCloudErrors.Configuration(settingName, $"{settingName}: {origin} does not exist. Set it to the path of the .key.pem file Unico sent for this service account (relative paths are resolved from the current directory).");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The I/O exception names only the path, never the content, so it is safe to keep as the cause.
            throw IdCloudErrors.Configuration(settingName, $"{settingName}: {origin} could not be read ({ex.GetType().Name}). Check that the application's user may read it.", ex);
        }
    }
}
