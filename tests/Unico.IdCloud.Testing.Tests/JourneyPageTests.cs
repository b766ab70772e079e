using System.Net;
using System.Text.RegularExpressions;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// The stand-in for Unico's hosted journey at <c>userRedirectUrl</c>, over real sockets as a browser would use it:
/// what it shows (masked, encoded), the outcome form and its nonce, the webhook and the redirect to <c>callbackUri</c>.
/// </summary>
public sealed partial class JourneyPageTests(EmulatorFixture fixture) : EmulatorTest(fixture), IAsyncLifetime
{
    private const string Callback = "https://shop.example/verifications/ref-1/callback?step=2&lang=pt";

    private readonly HttpClient _browser = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private WebhookReceiver _receiver = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        _browser.Dispose();
        await _receiver.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task The_page_shows_the_process_masked_and_encoded_with_one_button_per_outcome()
    {
        var (_, url) = await CreateAsync(Callback, friendlyName: "<script>alert(1)</script>");

        using var response = await _browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Contains("idunicosign", html, StringComparison.Ordinal);
        Assert.Contains("creditprocess", html, StringComparison.Ordinal);
        Assert.Contains("***.***.***-74", html, StringComparison.Ordinal);
        Assert.DoesNotContain("73689290074", html, StringComparison.Ordinal);
        Assert.DoesNotContain("736.892.900-74", html, StringComparison.Ordinal);
        Assert.Contains("l***@example.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("luke@example.com", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("step=2&amp;lang=pt", html, StringComparison.Ordinal); // the callback, encoded
        foreach (var outcome in Enum.GetValues<EmulatedOutcome>())
        {
            Assert.Contains($"<button type=\"submit\" name=\"outcome\" value=\"{outcome}\">", html, StringComparison.Ordinal);
        }

        Assert.Matches(NonceField(), html);
    }

    [Fact]
    public async Task Choosing_an_outcome_finishes_the_process_sends_the_webhook_and_redirects_to_the_callback()
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        var (id, url) = await CreateAsync(Callback);
        var nonce = await NonceAsync(url);

        using var finished = await PostAsync(id, nonce, "LivenessFailed");

        Assert.Equal(HttpStatusCode.SeeOther, finished.StatusCode);
        Assert.Equal(Callback, finished.Headers.Location?.OriginalString);
        var process = await GetProcessAsync(await TokenAsync(), id);
        Assert.Equal("PROCESS_STATE_FINISHED", process.GetProperty("state").GetString());
        Assert.Equal("PROCESS_RESULT_INVALID_IDENTITY", process.GetProperty("result").GetString());
        Assert.Equal("LIVENESS_RESULT_NOT_LIVE", process.GetProperty("authenticationInfo").GetProperty("livenessResult").GetString());
        await Emulator.WaitForWebhookDeliveriesAsync(1, TimeSpan.FromSeconds(30));
        Assert.Contains(id, Assert.Single(_receiver.Calls).Body, StringComparison.Ordinal);

        // Opened again (the back button), the page says how the journey ended and links back to the site.
        using var again = await _browser.GetAsync(url);
        var html = await again.Content.ReadAsStringAsync();
        Assert.Contains("This journey is over", html, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"outcome\">LivenessFailed</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://shop.example/verifications/ref-1/callback?step=2&amp;lang=pt\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"nonce\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_not_from_the_processes_own_page_finish_nothing()
    {
        Emulator.ConfigureWebhook(_receiver.Url, EmulatedWebhookAuthentication.None);
        var (id, url) = await CreateAsync(Callback);
        var (_, otherUrl) = await CreateAsync(Callback);
        var nonce = await NonceAsync(url);
        var otherNonce = await NonceAsync(otherUrl);
        Assert.NotEqual(nonce, otherNonce);

        // A link or a stray GET to the form's address.
        using (var get = await _browser.GetAsync($"{url}/finish?outcome=Approved&nonce={nonce}"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        }

        // A forged form: no nonce, a wrong one, another process's, or an outcome by number.
        foreach (var (formNonce, outcome, expected) in new[]
        {
            ((string?)null, "Approved", HttpStatusCode.Forbidden),
            // First character changed, never kept: a random nonce starts with "x" now and then.
            ((nonce[0] == 'x' ? "y" : "x") + nonce[1..], "Approved", HttpStatusCode.Forbidden),
            (otherNonce, "Approved", HttpStatusCode.Forbidden),
            (nonce, "0", HttpStatusCode.BadRequest),
            (nonce, "approved", HttpStatusCode.BadRequest),
        })
        {
            using var refused = await PostAsync(id, formNonce, outcome);
            Assert.Equal(expected, refused.StatusCode);
            Assert.Null(refused.Headers.Location);
        }

        // Not a form at all.
        using (var json = await _browser.PostAsync($"{url}/finish", new StringContent($$"""{"nonce":"{{nonce}}","outcome":"Approved"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        }

        var process = await GetProcessAsync(await TokenAsync(), id);
        Assert.Equal("PROCESS_STATE_CREATED", process.GetProperty("state").GetString());
        Assert.Empty(Emulator.WebhookDeliveries);
    }

    [Fact]
    public async Task A_slash_callback_stays_on_the_journey_and_a_second_choice_changes_nothing()
    {
        var (id, url) = await CreateAsync("/");
        var nonce = await NonceAsync(url);

        using (var finished = await PostAsync(id, nonce, "Approved"))
        {
            var html = await finished.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
            Assert.Null(finished.Headers.Location);
            Assert.Contains("<strong id=\"outcome\">Approved</strong>", html, StringComparison.Ordinal);
            Assert.Contains("the person stays here", html, StringComparison.Ordinal);
        }

        using (var second = await PostAsync(id, nonce, "IdentityNegative"))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Contains("<strong id=\"outcome\">Approved</strong>", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => Emulator.FinishProcessAsync(id, EmulatedOutcome.Expired));
    }

    [Fact]
    public async Task A_journey_past_its_expiry_has_expired_and_cannot_be_finished()
    {
        var (id, url) = await CreateAsync(Callback, extra: ", \"expiresIn\": \"60s\"");
        var nonce = await NonceAsync(url);
        Clock.Advance(TimeSpan.FromMinutes(2));

        using var late = await PostAsync(id, nonce, "Approved");

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("<strong id=\"outcome\">Expired</strong>", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var process = await GetProcessAsync(await TokenAsync(), id);
        Assert.Equal("PROCESS_RESULT_EXPIRED", process.GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_process_awaiting_its_document_cannot_be_finished_from_the_page()
    {
        // Same rule as FinishProcessAsync: without the person's document the journey cannot start, it can only expire.
        var body = System.Text.Json.Nodes.JsonNode.Parse(EmulatorHttp.CreateBody("idlive"))!.AsObject();
        body.Remove("payload");
        var person = body["person"]!.AsObject();
        person.Remove("duiType");
        person.Remove("duiValue");
        var token = await TokenAsync();
        var created = await CreateProcessAsync(token, body.ToJsonString());
        var id = created.GetProperty("id").GetString()!;
        var nonce = await NonceAsync(created.GetProperty("userRedirectUrl").GetString()!);

        using var refused = await PostAsync(id, nonce, "Approved");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("awaits the person", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var process = await GetProcessAsync(token, id);
        Assert.Equal("PROCESS_STATE_AWAITING_FOR_DOCUMENT", process.GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_unknown_process_has_no_journey()
    {
        using var page = await _browser.GetAsync(new Uri(Emulator.ProcessApiBaseAddress, "/process/" + Guid.NewGuid()));
        using var form = await _browser.PostAsync(
            new Uri(Emulator.ProcessApiBaseAddress, $"/process/{Guid.NewGuid()}/finish"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["nonce"] = "x", ["outcome"] = "Approved" }));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
    }

    private async Task<(string Id, string Url)> CreateAsync(string callbackUri, string friendlyName = "Luke Skywalker", string? extra = null)
    {
        var body = EmulatorHttp.CreateBody("idunicosign", extra: extra)
            .Replace("\"callbackUri\": \"/\"", $"\"callbackUri\": \"{callbackUri}\"", StringComparison.Ordinal)
            .Replace("Luke Skywalker", friendlyName, StringComparison.Ordinal);
        var process = await CreateProcessAsync(await TokenAsync(), body);
        return (process.GetProperty("id").GetString()!, process.GetProperty("userRedirectUrl").GetString()!);
    }

    private async Task<string> NonceAsync(string url)
    {
        var html = await _browser.GetStringAsync(url);
        var match = NonceField().Match(html);
        Assert.True(match.Success, "The journey page has no nonce field.");
        return match.Groups["nonce"].Value;
    }

    private Task<HttpResponseMessage> PostAsync(string id, string? nonce, string outcome)
    {
        var fields = new Dictionary<string, string> { ["outcome"] = outcome };
        if (nonce is not null)
        {
            fields["nonce"] = nonce;
        }

        return _browser.PostAsync(new Uri(Emulator.ProcessApiBaseAddress, $"/process/{id}/finish"), new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"nonce\" value=\"(?<nonce>[A-Za-z0-9_-]{43})\">")]
    private static partial Regex NonceField();
}
