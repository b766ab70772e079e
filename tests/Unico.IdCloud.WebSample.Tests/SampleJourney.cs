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

    /// <summary>Fills the form and follows the home page to the new verification's callback page.</summary>
    /// <returns>The verification's reference and its callback page.</returns>
    public static async Task<(string Reference, string CallbackPath, string Callback)> StartAsync(SampleBrowser browser, string journey)
    {
        var (_, home) = await browser.GetPageAsync("/");
        using (var started = await browser.SubmitAsync(home, "/verifications", StartFields(journey)))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        (_, home) = await browser.GetPageAsync("/");
        var callbackPath = CallbackLink().Match(home).Value;
        Assert.NotEmpty(callbackPath);
        var (_, callback) = await browser.GetPageAsync(callbackPath);
        return (callbackPath.Split('/')[2], callbackPath, callback);
    }

    /// <summary>Clicks the emulator's "person finished" button, waits for the webhook to be recorded, opens the result.</summary>
    /// <returns>The result page.</returns>
    public static async Task<string> FinishAsync(RunningSample sample, SampleBrowser browser, string reference, string callback, string outcome)
    {
        using (var finished = await browser.SubmitAsync(callback, $"/verifications/{reference}/emulator/finish", new Dictionary<string, string> { ["outcome"] = outcome }))
        {
            Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        }

        await sample.Emulator.WaitForWebhookDeliveriesAsync(1, WebhookWait);
        await WaitForPageAsync(browser, $"/verifications/{reference}/callback", "Unico told us");
        var (status, result) = await browser.GetPageAsync($"/verifications/{reference}");
        Assert.Equal(HttpStatusCode.OK, status);
        return result;
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

    [GeneratedRegex("<a href=\"(?<path>/verifications/[0-9a-f]{32}/files/[^\"]+)\">")]
    private static partial Regex FileLink();
}
