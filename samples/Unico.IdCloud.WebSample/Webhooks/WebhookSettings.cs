using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.WebSample.Webhooks;

/// <summary>
/// The webhook credential, from <c>IdCloud:Webhook</c>. Against IDCloud it must be the one registered with Unico's
/// onboarding team; on the emulator a random API key is made up when none is configured, and the emulator is told to
/// present it, so the receiver is exercised with authentication on.
/// </summary>
public sealed class WebhookSettings
{
    private const string GeneratedKeyHeader = "X-IdCloud-Sample-Key";

    private readonly IConfigurationSection _section;
    private readonly string? _generatedApiKey;

    private WebhookSettings(IConfigurationSection section, string? generatedApiKey)
    {
        _section = section;
        _generatedApiKey = generatedApiKey;
    }

    /// <summary>Reads the webhook settings and checks they can work in the chosen mode.</summary>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="useEmulator">Whether the emulator plays IDCloud.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">No usable credential is configured where one is required.</exception>
    public static WebhookSettings From(IConfiguration configuration, bool useEmulator)
    {
        var section = configuration.GetSection(IdCloudWebhookOptions.DefaultSectionName);
        var configured = new IdCloudWebhookOptions();
        section.Bind(configured);
        if (configured.Authentication is IdCloudWebhookAuthentication.Basic or IdCloudWebhookAuthentication.ApiKey)
        {
            return new WebhookSettings(section, generatedApiKey: null);
        }

        if (configured.Authentication != IdCloudWebhookAuthentication.Unspecified)
        {
            throw new InvalidOperationException(
                $"This sample supports {IdCloudWebhookOptions.DefaultSectionName}:Authentication = Basic or ApiKey (found {configured.Authentication}).");
        }

        if (!useEmulator)
        {
            throw new InvalidOperationException(
                $"Set {IdCloudWebhookOptions.DefaultSectionName}:Authentication (Basic or ApiKey) and {IdCloudWebhookOptions.DefaultSectionName}:BasicCredentials or :ApiKey " +
                "to the credential registered with Unico for this application's webhook URL (see the sample's README).");
        }

        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        return new WebhookSettings(section, $"{GeneratedKeyHeader}:{key}");
    }

    /// <summary>Applies the settings to the receiver's options.</summary>
    /// <param name="options">The receiver's options.</param>
    public void ApplyTo(IdCloudWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _section.Bind(options);
        options.FetchProcess = true; // the handler records the process the receiver read: Unico's payload has no verdict
        if (_generatedApiKey is not null)
        {
            options.Authentication = IdCloudWebhookAuthentication.ApiKey;
            options.ApiKey = _generatedApiKey;
        }
    }

    /// <summary>The same credential, as the emulator must present it.</summary>
    /// <returns>The emulator's webhook authentication.</returns>
    public EmulatedWebhookAuthentication ForEmulator()
    {
        var options = new IdCloudWebhookOptions();
        ApplyTo(options);
        if (options.Authentication == IdCloudWebhookAuthentication.Basic)
        {
            var credentials = options.BasicCredentials ?? string.Empty;
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidOperationException($"{IdCloudWebhookOptions.DefaultSectionName}:BasicCredentials must be 'user:password'.");
            }

            return EmulatedWebhookAuthentication.Basic(credentials[..colon], credentials[(colon + 1)..]);
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            throw new InvalidOperationException($"{IdCloudWebhookOptions.DefaultSectionName}:ApiKey is required with Authentication = ApiKey.");
        }

        return EmulatedWebhookAuthentication.ApiKey(options.ApiKey);
    }
}
