using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Unico.IdCloud.WebSample.Tests.SampleJourney;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>
/// The offline loop clicked through in a real headless Chromium, as a person does it: the sample's form, the
/// emulator's journey page, an outcome's button, the redirect to the https callback (which refreshes until the
/// webhook is recorded), the result page. Nothing is driven from code but the browser.
/// </summary>
public sealed class BrowserJourneyTests(BrowserJourneyTests.Browser browser) : IClassFixture<BrowserJourneyTests.Browser>
{
    /// <summary>One Chromium for the class (starting it is the slow part); each test gets its own page and no cookies.</summary>
    public sealed class Browser : IAsyncLifetime
    {
        internal TestCertificate Certificate { get; } = TestCertificate.Create();

        internal HeadlessChromium Chromium { get; private set; } = null!;

        public async Task InitializeAsync() => Chromium = await HeadlessChromium.LaunchAsync(Certificate.SpkiSha256);

        public async Task DisposeAsync()
        {
            if (Chromium is not null)
            {
                await Chromium.DisposeAsync();
            }

            Certificate.Dispose();
        }
    }

    /// <summary>A bound on one whole click-through (each step also has its own 15 s bound); a hang fails, never waits.</summary>
    private static readonly TimeSpan WholeJourney = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_person_clicks_through_the_signing_journey_and_sees_the_approved_result()
    {
        // Opened at the https address, as `dotnet run` prints it.
        var (journey, result) = await ClickThroughAsync("idunicosign", "Approved", startOverHttps: true).WaitAsync(WholeJourney);

        Assert.Contains("***.***.***-74", journey, StringComparison.Ordinal);
        AssertNoFullCpf(journey);
        Assert.Contains("Signed document", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_clicks_through_the_identity_journey_with_a_negative_identity_and_sees_denied()
    {
        // Opened at the http address; the journey still comes back to the https callback.
        var (_, result) = await ClickThroughAsync("id", "IdentityNegative", startOverHttps: false, expectedOutcome: "Denied").WaitAsync(WholeJourney);

        Assert.Contains("AUTHENTICATION_RESULT_NEGATIVE", result, StringComparison.Ordinal);
    }

    /// <returns>The journey page's and the result page's text as the browser shows them.</returns>
    private async Task<(string Journey, string Result)> ClickThroughAsync(string journeyValue, string outcome, bool startOverHttps, string? expectedOutcome = null)
    {
        await using var sample = await RunningSample.StartAsync(sharedCertificate: browser.Certificate);
        var context = browser.Chromium.Context;
        await context.ClearCookiesAsync();
        var page = await context.NewPageAsync();
        var emulator = sample.Emulator;

        // The sample's home page: fill in the form and start.
        var callbackBase = sample.CallbackBaseAddress!.AbsoluteUri; // https://127.0.0.1:port/
        Assert.StartsWith("https://", callbackBase, StringComparison.Ordinal);
        await page.GotoAsync(startOverHttps ? callbackBase : sample.BaseAddress.AbsoluteUri);
        await page.GetByLabel("Name").FillAsync("Maria da Silva");
        await page.GetByLabel("CPF").FillAsync(FormattedCpf);
        await page.GetByLabel("E-mail").FillAsync("maria@example.com");
        await page.GetByLabel("Journey").SelectOptionAsync(journeyValue);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the verification" }).ClickAsync();

        // The emulator's journey page, at the process's userRedirectUrl.
        var processId = await WaitForSingleProcessAsync(emulator);
        await ExpectPageAsync(
            page,
            sample,
            new Regex("^" + Regex.Escape($"{emulator.ProcessApiBaseAddress.OriginalString}/process/{processId}") + "$"),
            page.Locator("button[name=outcome]").First);
        var journey = await page.Locator("body").InnerTextAsync();
        Assert.Contains(journeyValue, journey, StringComparison.Ordinal);

        // The person ends the journey: the journey sends the browser to the https callback page.
        await page.Locator($"button[name=outcome][value={outcome}]").ClickAsync();
        await ExpectPageAsync(page, sample, new Regex("^" + Regex.Escape(callbackBase) + "verifications/[0-9a-f]{32}/callback$"), page.Locator("body"));

        // The callback page refreshes itself until Unico's webhook has been recorded.
        await page.GetByText("Unico told us").WaitForAsync();
        Assert.Equal(202, Assert.Single(emulator.WebhookDeliveries).StatusCode);
        await page.Locator("#result").ClickAsync();
        await ExpectPageAsync(page, sample, new Regex("/verifications/[0-9a-f]{32}$"), page.Locator("#outcome"));

        Assert.Equal(expectedOutcome ?? outcome, await page.Locator("#outcome").InnerTextAsync());
        var result = await page.Locator("body").InnerTextAsync();
        AssertNoFullCpf(result);
        await page.CloseAsync();
        return (journey, result);
    }

    /// <summary>
    /// Waits until the browser is at <paramref name="url"/> and the page shows <paramref name="landmark"/>. Both waits
    /// poll inside the browser driver: <c>IPage.WaitForURLAsync</c> is not used because, when the URL already matches,
    /// it checks the frame's load states and then subscribes to their changes, and a "load" arriving between the two
    /// is missed (a CI run timed out that way with the journey page fully shown). When a wait times out, the failure
    /// says where the browser is, what the page shows and what the sample logged as warnings or errors, which
    /// Playwright's timeout alone does not.
    /// </summary>
    private static async Task ExpectPageAsync(IPage page, RunningSample sample, Regex url, ILocator landmark)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = HeadlessChromium.StepTimeoutMs });
            await landmark.WaitForAsync(new() { Timeout = HeadlessChromium.StepTimeoutMs });
        }
        catch (Exception failure) when (failure is TimeoutException or PlaywrightException)
        {
            string shown;
            try
            {
                shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 });
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
            {
                shown = "(the page's text could not be read: " + ex.Message + ")";
            }

            var excerpt = shown.Length <= 600 ? shown : shown[..600] + "...";
            var logged = sample.Log.Entries is { Count: > 0 } entries ? string.Join(" | ", entries) : "nothing";
            throw new TimeoutException($"{failure.Message} The browser is at {page.Url}, showing: {excerpt}. The sample logged: {logged}", failure);
        }
    }

    private static async Task<string> WaitForSingleProcessAsync(Unico.IdCloud.Testing.IdCloudEmulator emulator)
    {
        // The form's POST creates the process before the browser is redirected; bounded wait, not a timing assertion.
        var deadline = DateTime.UtcNow + WebhookWait;
        while (emulator.ProcessIds.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The form created no process.");
            await Task.Delay(50);
        }

        return Assert.Single(emulator.ProcessIds);
    }
}
