namespace Unico.IdCloud.Client;

/// <summary>
/// The SDK's configuration is invalid, found at start-up before any request was sent: a blank account name, a
/// private key that is missing, encrypted, not RSA, too small, a public key or certificate instead of the private key.
/// <see cref="SettingName"/> names the configuration key to fix (for example
/// <c>IdCloud:ServiceAccount:PrivateKeyPath</c>) and the message says what to put there.
/// </summary>
/// <remarks>The message never contains key material.</remarks>
public sealed class IdCloudConfigurationException : IdCloudException
{
    /// <summary>Creates a configuration exception for one setting.</summary>
    /// <param name="settingName">The configuration key that holds the wrong value.</param>
    /// <param name="message">What is wrong and what to put there instead; starts with the key.</param>
    public IdCloudConfigurationException(string settingName, string message)
        : base(message)
    {
        SettingName = settingName;
        Kind = IdCloudErrorKind.Validation;
    }

    /// <summary>Creates a configuration exception for one setting, with the underlying cause.</summary>
    /// <param name="settingName">The configuration key that holds the wrong value.</param>
    /// <param name="message">What is wrong and what to put there instead; starts with the key.</param>
    /// <param name="innerException">The underlying cause (never one whose message carries key material).</param>
    public IdCloudConfigurationException(string settingName, string message, Exception? innerException)
        : base(message, innerException)
    {
        SettingName = settingName;
        Kind = IdCloudErrorKind.Validation;
    }

    /// <summary>Creates a configuration exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public IdCloudConfigurationException(string message)
        : base(message)
    {
        Kind = IdCloudErrorKind.Validation;
    }

    /// <summary>Creates a configuration exception with a message and the underlying cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = IdCloudErrorKind.Validation;
    }

    /// <summary>Creates a configuration exception with a default message.</summary>
    public IdCloudConfigurationException()
        : this("The IDCloud configuration is invalid.")
    {
    }

    /// <summary>
    /// The configuration key whose value is wrong, in <c>IConfiguration</c> notation
    /// (e.g. <c>IdCloud:ServiceAccount:TenantId</c>); <see langword="null"/> when the problem is not one setting.
    /// </summary>
    public string? SettingName { get; }
}
