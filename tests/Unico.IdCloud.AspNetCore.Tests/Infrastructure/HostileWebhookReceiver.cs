using System.Net;

namespace Unico.IdCloud.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The receiver the hostile-input tests attack: API-key authentication, and the check that after an attack a good
/// notification is still accepted and is the only one that reached the handler.
/// </summary>
internal static class HostileWebhookReceiver
{
    /// <summary>The notification sent after the attack.</summary>
    public const string Sentinel = "33333333-3333-3333-3333-333333333333";

    public static readonly (string, string) Credentials = ("X-API-Key", "k");

    public static Task<WebhookTestServer> StartAsync(Action<IdCloudWebhookOptions>? more = null) =>
        WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.ApiKey;
            o.ApiKey = "X-API-Key:k";
            more?.Invoke(o);
        });

    public static async Task AssertOnlySentinelRunsAsync(WebhookTestServer server)
    {
        using var good = await server.PostAsync(WebhookTestServer.Notification(Sentinel), Credentials);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal(Sentinel, (await server.Handler.NextRunAsync()).ProcessId);
        Assert.Equal([Sentinel], server.Handler.Runs.Select(r => r.ProcessId));
    }
}
