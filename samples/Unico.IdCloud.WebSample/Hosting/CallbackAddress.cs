namespace Unico.IdCloud.WebSample.Hosting;

/// <summary>
/// Where the journey sends the person back at its end (the process's <c>callbackUri</c>). IDCloud accepts only https
/// (or an app scheme) there, or <c>/</c> for "no redirect":
/// <list type="bullet">
/// <item><c>WebSample:PublicBaseUrl</c> when it is set (the application's public https address);</item>
/// <item>otherwise, on the emulator, this application's own https address once it listens (the emulator's journey
/// page redirects the browser there, as Unico's does; a person on this machine can reach it);</item>
/// <item>otherwise <c>/</c>: the journey ends without a redirect and the person comes back through the home page.</item>
/// </list>
/// </summary>
public sealed class CallbackAddress(SampleSettings settings)
{
    private volatile Uri? _localHttps;

    /// <summary>The base address callbacks point to, or null when callbacks are <c>/</c>.</summary>
    public Uri? BaseAddress => settings.PublicBaseUrl ?? (settings.UseEmulator ? _localHttps : null);

    /// <summary>The <c>callbackUri</c> of a new verification: its callback page when a base address is known, else <c>/</c>.</summary>
    /// <param name="reference">The verification's reference.</param>
    /// <returns>The callback URI to send to IDCloud.</returns>
    public string CallbackUriFor(string reference) =>
        BaseAddress is not { } baseAddress ? "/" : new Uri(baseAddress, $"verifications/{Uri.EscapeDataString(reference)}/callback").AbsoluteUri;

    /// <summary>Records this application's own https address, known once it listens (used on the emulator only).</summary>
    /// <param name="httpsAddress">An https address this application listens on.</param>
    internal void UseLocalAddress(Uri httpsAddress)
    {
        if (httpsAddress.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("IDCloud accepts only https callbacks.", nameof(httpsAddress));
        }

        _localHttps = new Uri(httpsAddress.GetLeftPart(UriPartial.Authority) + "/");
    }
}
