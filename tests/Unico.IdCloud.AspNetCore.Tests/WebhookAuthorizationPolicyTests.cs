using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// docs/completion.md, "Authentication": the endpoint carries <c>[AllowAnonymous]</c>, so an application-wide
/// authorization policy (the usual "every endpoint needs a signed-in user") does not block Unico, which cannot sign in.
/// Real Kestrel, an application with cookie authentication and a fallback policy, as a user would have it.
/// </summary>
public sealed class WebhookAuthorizationPolicyTests
{
    [Fact]
    public async Task A_fallback_policy_requiring_a_signed_in_user_blocks_other_endpoints_but_not_the_webhook()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddIdCloudWebhook(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.ApiKey;
            o.ApiKey = "X-API-Key:k";
            o.FetchProcess = false;
        });
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Services.AddIdCloudWebhookHandler((context, _) =>
        {
            handled.TrySetResult(context.ProcessId);
            return Task.CompletedTask;
        });

        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", () => "private");
        app.MapIdCloudWebhook("/webhooks/idcloud");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };

        // The policy is in force: the app's own endpoint sends an anonymous caller to the login page.
        using var other = await http.GetAsync(new Uri("/orders", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/idcloud")
        {
            Content = new StringContent("""{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","state":"PROCESS_STATE_FINISHED","flow":"id"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", "k");
        using var webhook = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
        Assert.Equal("8263a268-5388-492a-bca2-28e1ff4a69f0", await handled.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        // Unico's credential is still checked by the receiver itself.
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/webhooks/idcloud")
        {
            Content = new StringContent("""{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f1"}""", Encoding.UTF8, "application/json"),
        };
        wrong.Headers.Add("X-API-Key", "not-k");
        using var refused = await http.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await app.StopAsync();
    }
}
