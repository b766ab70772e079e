using System.Net;
using System.Text.RegularExpressions;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>The steps a person takes through the sample's pages, shared by the tests.</summary>
internal static partial class SampleJourney
{
    public const string FormattedCpf = "736.892.900-74"; // the vendor's example CPF (valid check digits)
    public static readonly TimeSpan WebhookWait = TimeSpan.FromSeconds(10);

    public static Dictionary<string, string> StartFields(string journey) => new()
    {
        ["name"] = "Maria da Silva",
        ["cpf"] = FormattedCpf,
        ["email"] = "maria@example.com",
        ["journey"] = journey,
    };

    /// <summary>Fills the form on the home page.</summary>
    /// <returns>Where the sample redirected the browser: the process's <c>userRedirectUrl</c> (the journey).</returns>
    public static async Task<string> StartAsync(SampleBrowser browser, string journey)
    {
        var (_, home) = await browser.GetPageAsync("/");
        using var started = await browser.SubmitAsync(home, "/verifications", StartFields(journey));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return started.Headers.Location!.OriginalString;
    }

    /// <summary>On the emulator's journey page, presses the outcome's button (the form posts the page's nonce).</summary>
    /// <returns>Where the journey sent the browser: the verification's callback page (https).</returns>
    public static async Task<Uri> ChooseOutcomeAsync(SampleBrowser browser, string journeyUrl, string outcome)
    {
        var (status, page) = await browser.GetPageAsync(journeyUrl);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"value=\"{outcome}\"", page, StringComparison.Ordinal);
        var nonce = JourneyNonce().Match(page);
        Assert.True(nonce.Success, "The journey page has no nonce.");
        using var chosen = await browser.PostAsync(journeyUrl + "/finish", new Dictionary<string, string> { ["nonce"] = nonce.Groups["nonce"].Value, ["outcome"] = outcome });
        Assert.Equal(HttpStatusCode.SeeOther, chosen.StatusCode);
        return chosen.Headers.Location!;
    }

    /// <summary>Ends the journey with an outcome, follows the callback, waits for the webhook to be recorded, opens the result.</summary>
    /// <returns>The verification's reference and its result page.</returns>
    public static async Task<(string Reference, string Result)> FinishAsync(RunningSample sample, SampleBrowser browser, string journeyUrl, string outcome)
    {
        var callback = await ChooseOutcomeAsync(browser, journeyUrl, outcome);
        var reference = Assert.Single(CallbackLink().Matches(callback.AbsolutePath)).Value.Split('/')[2];
        await sample.Emulator.WaitForWebhookDeliveriesAsync(1, WebhookWait);
        await WaitForPageAsync(browser, callback.AbsoluteUri, "Unico told us");
        var (status, result) = await browser.GetPageAsync($"/verifications/{reference}");
        Assert.Equal(HttpStatusCode.OK, status);
        return (reference, result);
    }

    /// <summary>Reloads a page until it shows <paramref name="text"/>: for work the app does off the request path.</summary>
    public static async Task<string> WaitForPageAsync(SampleBrowser browser, string path, string text)
    {
        // A bounded wait; the assertion is on the content, not on how long it took.
        var deadline = DateTime.UtcNow + WebhookWait;
        while (true)
        {
            var (_, html) = await browser.GetPageAsync(path);
            if (html.Contains(text, StringComparison.Ordinal))
            {
                return html;
            }

            Assert.True(DateTime.UtcNow < deadline, $"'{path}' never showed '{text}'.");
            await Task.Delay(50);
        }
    }

    public static List<string> FileLinks(string resultPage) =>
        [.. FileLink().Matches(resultPage).Select(m => WebUtility.HtmlDecode(m.Groups["path"].Value))];

    public static void AssertNoFullCpf(string html)
    {
        Assert.DoesNotContain(FormattedCpf.Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.DoesNotContain(FormattedCpf, html, StringComparison.Ordinal);
    }

    [GeneratedRegex("/verifications/[0-9a-f]{32}/callback")]
    public static partial Regex CallbackLink();

    [GeneratedRegex("<input type=\"hidden\" name=\"nonce\" value=\"(?<nonce>[A-Za-z0-9_-]+)\">")]
    private static partial Regex JourneyNonce();

    [GeneratedRegex("<a href=\"(?<path>/verifications/[0-9a-f]{32}/files/[^\"]+)\">")]
    private static partial Regex FileLink();
}
