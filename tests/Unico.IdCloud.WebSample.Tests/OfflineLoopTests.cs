using System.Net;
using Unico.IdCloud.Testing;
using static Unico.IdCloud.WebSample.Tests.SampleJourney;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>
/// The whole loop over real sockets, as a person and Unico would drive it: the form, the redirect to the journey, the
/// person ending it on the emulator's journey page, the redirect back to the https callback, Unico's authenticated
/// webhook, the result page and the downloads.
/// </summary>
public sealed class OfflineLoopTests
{
    [Fact]
    public async Task Signing_journey_goes_from_the_form_to_an_approved_result_and_four_downloadable_files()
    {
        await using var sample = await RunningSample.StartAsync();
        using var browser = sample.NewBrowser();
        var emulator = sample.Emulator;
        emulator.SignedDocumentSize = 3_000_000; // larger than any buffer on the way: streamed through with its length

        // The form → 302 to the process's userRedirectUrl (the emulator's journey page), which shows it masked.
        var (status, home) = await browser.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        var journeyUrl = await StartAsync(browser, "idunicosign");
        var processId = Assert.Single(emulator.ProcessIds);
        Assert.Equal($"{emulator.ProcessApiBaseAddress.OriginalString}/process/{processId}", journeyUrl);
        var (journeyStatus, journey) = await browser.GetPageAsync(journeyUrl);
        Assert.Equal(HttpStatusCode.OK, journeyStatus);
        Assert.Contains("***.***.***-74", journey, StringComparison.Ordinal);
        AssertNoFullCpf(journey);

        // The person ends the journey → 303 to the verification's https callback page; the emulator's webhook reaches
        // the app, which accepts its credential.
        var callback = await ChooseOutcomeAsync(browser, journeyUrl, "Approved");
        Assert.Equal(Uri.UriSchemeHttps, callback.Scheme);
        Assert.True(callback.IsLoopback, callback.AbsoluteUri);
        var callbackPath = CallbackLink().Match(callback.AbsolutePath).Value;
        Assert.Equal(callbackPath, callback.AbsolutePath);
        var reference = callbackPath.Split('/')[2];

        await emulator.WaitForWebhookDeliveriesAsync(1, WebhookWait);
        var delivery = Assert.Single(emulator.WebhookDeliveries);
        Assert.Equal(202, delivery.StatusCode); // authenticated, accepted and queued for the handler

        // The handler runs off the request path: the callback page says so once it has recorded the process.
        var told = await WaitForPageAsync(browser, callback.AbsoluteUri, "Unico told us");
        Assert.Contains($"href=\"/verifications/{reference}\"", told, StringComparison.Ordinal);
        AssertNoFullCpf(told);

        // The home page lists the verification, CPF masked.
        (_, home) = await browser.GetPageAsync("/");
        Assert.Contains(callbackPath, home, StringComparison.Ordinal);
        Assert.Contains("***.***.***-74", home, StringComparison.Ordinal);
        AssertNoFullCpf(home);

        // The result page shows the interpretation, from the webhook's read (no second GetProcess).
        var (resultStatus, result) = await browser.GetPageAsync($"/verifications/{reference}");
        Assert.Equal(HttpStatusCode.OK, resultStatus);
        Assert.Contains("<strong id=\"outcome\">Approved</strong>", result, StringComparison.Ordinal);
        Assert.Contains("Source: Unico's notification (webhook)", result, StringComparison.Ordinal);
        Assert.Contains("AUTHENTICATION_RESULT_POSITIVE", result, StringComparison.Ordinal);
        Assert.Contains("LIVENESS_RESULT_LIVE", result, StringComparison.Ordinal);
        Assert.Equal(1, emulator.Requests.Count(r => r.Route == EmulatorRoute.GetProcess));
        AssertNoFullCpf(result);

        // Every file link answers with the file itself.
        var links = FileLinks(result);
        Assert.Collection(
            links,
            selfie => Assert.EndsWith("/files/selfie", selfie, StringComparison.Ordinal),
            evidence => Assert.EndsWith("/files/evidence-set", evidence, StringComparison.Ordinal),
            signed => Assert.EndsWith("/signed", signed, StringComparison.Ordinal),
            signatureEvidence => Assert.EndsWith("/signature-evidence", signatureEvidence, StringComparison.Ordinal));

        await AssertFileAsync(browser, links[0], "image/jpeg", [0xFF, 0xD8, 0xFF]);
        await AssertFileAsync(browser, links[1], "application/pdf", "%PDF-"u8.ToArray());
        var signedLength = await AssertFileAsync(browser, links[2], "application/pdf", "%PDF-"u8.ToArray());
        Assert.Equal(3_000_000, signedLength);
        await AssertFileAsync(browser, links[3], "application/pdf", "%PDF-"u8.ToArray());
    }

    [Fact]
    public async Task Identity_journey_with_a_scripted_denial_shows_denied_and_no_signature_files()
    {
        await using var sample = await RunningSample.StartAsync();
        using var browser = sample.NewBrowser();

        var (_, result) = await FinishAsync(sample, browser, await StartAsync(browser, "id"), "IdentityNegative");

        Assert.Contains("<strong id=\"outcome\">Denied</strong>", result, StringComparison.Ordinal);
        Assert.Contains("AUTHENTICATION_RESULT_NEGATIVE", result, StringComparison.Ordinal);
        var links = FileLinks(result);
        Assert.Equal(2, links.Count); // selfie and evidence set; the id flow signs nothing
        Assert.DoesNotContain(links, l => l.Contains("/documents/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_document_not_ready_yet_answers_503_with_retry_after_then_the_file()
    {
        await using var sample = await RunningSample.StartAsync();
        using var browser = sample.NewBrowser();
        sample.Emulator.SignedDocumentNotReadyRequests = 1; // IDCloud's lag after the journey

        var (_, result) = await FinishAsync(sample, browser, await StartAsync(browser, "idunicosign"), "Approved");
        var signed = FileLinks(result).Single(l => l.EndsWith("/signed", StringComparison.Ordinal));

        using (var notReady = await browser.GetAsync(signed))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(60), notReady.Headers.RetryAfter?.Delta);
            Assert.Equal("text/html", notReady.Content.Headers.ContentType?.MediaType);
        }

        await AssertFileAsync(browser, signed, "application/pdf", "%PDF-"u8.ToArray());
    }

    [Fact]
    public async Task File_links_only_serve_the_documents_of_their_own_process()
    {
        await using var sample = await RunningSample.StartAsync();
        using var browser = sample.NewBrowser();

        var (reference, _) = await FinishAsync(sample, browser, await StartAsync(browser, "idunicosign"), "Approved");
        sample.Emulator.ResetRequestLog();

        using var response = await browser.GetAsync($"/verifications/{reference}/files/documents/{Guid.NewGuid()}/signed");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(sample.Emulator.Requests, r => r.Route == EmulatorRoute.GetSignedDocument); // never asked IDCloud
    }

    [Fact]
    public async Task Without_an_https_address_the_callback_is_a_slash_and_the_home_page_leads_back()
    {
        await using var sample = await RunningSample.StartAsync(https: false);
        using var browser = sample.NewBrowser();

        var journeyUrl = await StartAsync(browser, "id");
        var (_, journey) = await browser.GetPageAsync(journeyUrl);
        Assert.Contains("will not redirect", journey, StringComparison.Ordinal);
        var nonce = System.Text.RegularExpressions.Regex.Match(journey, "name=\"nonce\" value=\"(?<n>[^\"]+)\"").Groups["n"].Value;
        using (var ended = await browser.PostAsync(journeyUrl + "/finish", new Dictionary<string, string> { ["nonce"] = nonce, ["outcome"] = "Approved" }))
        {
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode); // IDCloud's "/" means no redirect: the journey stays
            Assert.Null(ended.Headers.Location);
        }

        var (_, home) = await browser.GetPageAsync("/");
        var callbackPath = CallbackLink().Match(home).Value;
        Assert.NotEmpty(callbackPath);
        await sample.Emulator.WaitForWebhookDeliveriesAsync(1, WebhookWait);
        await WaitForPageAsync(browser, callbackPath, "Unico told us");
        var (_, result) = await browser.GetPageAsync(callbackPath.Replace("/callback", string.Empty, StringComparison.Ordinal));
        Assert.Contains("<strong id=\"outcome\">Approved</strong>", result, StringComparison.Ordinal);
    }

    private static async Task<long> AssertFileAsync(SampleBrowser browser, string path, string contentType, byte[] magic)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > magic.Length, $"{path} is empty.");
        Assert.Equal(magic, bytes[..magic.Length]);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        return bytes.Length;
    }
}
