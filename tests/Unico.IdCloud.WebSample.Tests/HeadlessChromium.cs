using Microsoft.Playwright;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by <c>eng/install-chromium.sh</c>), headless, in a fresh
/// profile directory, driven by Playwright for .NET. Playwright never downloads a browser here: it starts this
/// executable. Closing it ends the browser and Playwright's driver process, and deletes the profile.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Any one step (a click, a navigation, a text to appear) that takes longer than this fails the test.</summary>
    internal const float StepTimeoutMs = 15_000;

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <param name="trustedSpki">
    /// base64 SHA-256 of the one self-signed certificate's public key the browser may accept (the sample's https
    /// callback address): Chromium's <c>--ignore-certificate-errors-spki-list</c>, not "ignore every certificate error".
    /// </param>
    public static async Task<HeadlessChromium> LaunchAsync(string trustedSpki)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run eng/install-chromium.sh (apt-get install chromium), as .ci/run does.");
        }

        var profile = Directory.CreateTempSubdirectory("idcloud-websample-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = StepTimeoutMs,
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--ignore-certificate-errors-spki-list=" + trustedSpki,
                ],
            });
            context.SetDefaultTimeout(StepTimeoutMs);
            context.SetDefaultNavigationTimeout(StepTimeoutMs);
            return new HeadlessChromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            DeleteProfile(profile);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync(); // ends the chromium process tree
        }
        finally
        {
            _playwright.Dispose(); // ends the driver process
            DeleteProfile(_profile);
        }
    }

    private static void DeleteProfile(string profile)
    {
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an exiting process: the temp directory is cleaned by the system later.
        }
    }
}
