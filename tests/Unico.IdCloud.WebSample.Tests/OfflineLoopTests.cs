using System.Net;
using Unico.IdCloud.Testing;
using static Unico.IdCloud.WebSample.Tests.SampleJourney;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>
/// The whole loop over real sockets, as a person and Unico would drive it: the form, the redirect to the journey, the
/// person finishing (simulated on the emulator), Unico's authenticated webhook, the result page and the downloads.
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

        // The form → 302 to the process's userRedirectUrl (the emulator's stand-in journey page).
        var (status, home) = await browser.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        using (var started = await browser.SubmitAsync(home, "/verifications", StartFields("idunicosign")))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            var processId = Assert.Single(emulator.ProcessIds);
            Assert.Equal($"{emulator.ProcessApiBaseAddress.OriginalString}/process/{processId}", started.Headers.Location?.OriginalString);
            using var journey = await browser.GetAsync(started.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, journey.StatusCode);
        }

        // Back on the home page, the verification is listed with the CPF masked; its callback page says "checking".
        (_, home) = await browser.GetPageAsync("/");
        var callbackPath = CallbackLink().Match(home).Value;
        var reference = callbackPath.Split('/')[2];
        Assert.Contains("***.***.***-74", home, StringComparison.Ordinal);
        AssertNoFullCpf(home);

        var (callbackStatus, callback) = await browser.GetPageAsync(callbackPath);
        Assert.Equal(HttpStatusCode.OK, callbackStatus);
        Assert.Contains("We are checking", callback, StringComparison.Ordinal);
        Assert.Contains($"href=\"/verifications/{reference}\"", callback, StringComparison.Ordinal);
        AssertNoFullCpf(callback);

        // The person finishes (emulator only) → the emulator's webhook reaches the app, which accepts its credential.
        using (var finished = await browser.SubmitAsync(callback, $"/verifications/{reference}/emulator/finish", new Dictionary<string, string> { ["outcome"] = "Approved" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        }

        await emulator.WaitForWebhookDeliveriesAsync(1, WebhookWait);
        var delivery = Assert.Single(emulator.WebhookDeliveries);
        Assert.Equal(202, delivery.StatusCode); // authenticated, accepted and queued for the handler

        // The handler runs off the request path: the callback page says so once it has recorded the process.
        await WaitForPageAsync(browser, callbackPath, "Unico told us");

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

        var (reference, _, callback) = await StartAsync(browser, "id");
        var result = await FinishAsync(sample, browser, reference, callback, "IdentityNegative");

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

        var (reference, _, callback) = await StartAsync(browser, "idunicosign");
        var result = await FinishAsync(sample, browser, reference, callback, "Approved");
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

        var (reference, _, callback) = await StartAsync(browser, "idunicosign");
        await FinishAsync(sample, browser, reference, callback, "Approved");
        sample.Emulator.ResetRequestLog();

        using var response = await browser.GetAsync($"/verifications/{reference}/files/documents/{Guid.NewGuid()}/signed");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(sample.Emulator.Requests, r => r.Route == EmulatorRoute.GetSignedDocument); // never asked IDCloud
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
