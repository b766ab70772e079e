using Microsoft.Extensions.Configuration;

namespace Unico.IdCloud.WebSample.Hosting;

/// <summary>The sample's own settings (section <c>WebSample</c>) and the choice between the emulator and IDCloud.</summary>
public sealed class SampleSettings
{
    /// <summary>The configuration section of these settings.</summary>
    public const string SectionName = "WebSample";

    /// <summary>Where Unico's webhook is received.</summary>
    public const string WebhookPath = "/webhooks/idcloud";

    /// <summary>
    /// True when the in-process emulator plays IDCloud: the default, unless an IDCloud service account is configured
    /// (<c>IdCloud:ServiceAccount:AccountName</c>). <c>WebSample:UseEmulator</c> forces the choice either way.
    /// </summary>
    public bool UseEmulator { get; private init; }

    /// <summary>
    /// The public https address of this application (<c>WebSample:PublicBaseUrl</c>), for the <c>callbackUri</c> that
    /// brings the person back after the journey (see <see cref="CallbackAddress"/> for what is used without it).
    /// </summary>
    public Uri? PublicBaseUrl { get; private init; }

    /// <summary>Reads the settings.</summary>
    /// <param name="configuration">The application's configuration.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">A setting is present but unusable.</exception>
    public static SampleSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var useEmulator = section["UseEmulator"] is { Length: > 0 } forced
            ? bool.Parse(forced)
            : string.IsNullOrWhiteSpace(configuration["IdCloud:ServiceAccount:AccountName"]);

        Uri? publicBaseUrl = null;
        if (section["PublicBaseUrl"] is { Length: > 0 } text)
        {
            // Unico accepts only https (or an app scheme) as a web callback; a plain-http address would be refused.
            if (!Uri.TryCreate(text, UriKind.Absolute, out publicBaseUrl) || publicBaseUrl.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidOperationException($"{SectionName}:PublicBaseUrl must be an absolute https:// address (the callbackUri Unico redirects to).");
            }

            publicBaseUrl = new Uri(publicBaseUrl.AbsoluteUri.TrimEnd('/') + "/");
        }

        return new SampleSettings { UseEmulator = useEmulator, PublicBaseUrl = publicBaseUrl };
    }
}
