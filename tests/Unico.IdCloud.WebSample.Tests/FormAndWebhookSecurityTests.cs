using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static Unico.IdCloud.WebSample.Tests.SampleJourney;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>What the sample refuses: bad input, forged posts and webhook calls without the configured credential.</summary>
public sealed class FormAndWebhookSecurityTests
{
    [Fact]
    public async Task An_invalid_form_is_shown_again_encoded_without_the_cpf_and_creates_no_process()
    {
        await using var sample = await RunningSample.StartAsync();
        using var browser = sample.NewBrowser();
        var (_, home) = await browser.GetPageAsync("/");

        using var response = await browser.SubmitAsync(home, "/verifications", new Dictionary<string, string>
        {
            ["name"] = "<script>alert(1)</script>",
            ["cpf"] = "123.456.789-00", // wrong check digits
            ["email"] = "not-an-email",
            ["journey"] = "idunicosign",
        });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The CPF is not valid", page, StringComparison.Ordinal);
        Assert.Contains("The e-mail address is not valid", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("123.456.789-00", page, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678900", page, StringComparison.Ordinal);
        Assert.Equal(0, sample.Emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_creates_no_process()
    {
        await using var sample = await RunningSample.StartAsync();
        using var browser = sample.NewBrowser();
        await browser.GetPageAsync("/"); // has the cookie, but the forged form has no token

        using var response = await browser.PostAsync("/verifications", StartFields("id"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, sample.Emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task Basic_credentials_from_configuration_are_presented_by_the_emulator_and_required_from_anyone_else()
    {
        await using var sample = await RunningSample.StartAsync(new Dictionary<string, string?>
        {
            ["IdCloud:Webhook:Authentication"] = "Basic",
            ["IdCloud:Webhook:BasicCredentials"] = "unico:correct-horse",
        });
        using var browser = sample.NewBrowser();
        var journeyUrl = await StartAsync(browser, "id");
        var processId = Assert.Single(sample.Emulator.ProcessIds);
        var (_, home) = await browser.GetPageAsync("/");
        var callbackPath = CallbackLink().Match(home).Value;

        // Someone else announces the process as finished: wrong password, then none at all.
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };
        foreach (var credential in new[] { "unico:wrong", null })
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, "/webhooks/idcloud")
            {
                Content = new StringContent($$"""{"processId":"{{processId}}","state":"PROCESS_STATE_FINISHED","flow":"id"}""", Encoding.UTF8, "application/json"),
            };
            if (credential is not null)
            {
                forged.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential)));
            }

            using var refused = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var (_, stillWaiting) = await browser.GetPageAsync(callbackPath);
        Assert.Contains("We are checking", stillWaiting, StringComparison.Ordinal);

        // The emulator, configured by the sample with the same credential, gets through.
        var (_, result) = await FinishAsync(sample, browser, journeyUrl, "Approved");
        Assert.Equal(202, Assert.Single(sample.Emulator.WebhookDeliveries).StatusCode);
        Assert.Contains("<strong id=\"outcome\">Approved</strong>", result, StringComparison.Ordinal);
    }
}
