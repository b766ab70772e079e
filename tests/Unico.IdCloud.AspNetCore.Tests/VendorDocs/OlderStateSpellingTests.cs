using System.Net;
using System.Text;
using Unico.IdCloud.AspNetCore.Endpoint;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.AspNetCore.Tests.VendorDocs;

/// <summary>
/// The older DevCenter webhook page (devcenter.unico.io/idcloud/en/integrations/webhook) names the notified state
/// <c>finished</c>; the newer pages say <c>PROCESS_STATE_FINISHED</c>. Both are accepted, and both spellings of one
/// process's notification are one delivery: the handler runs once.
/// </summary>
public sealed class OlderStateSpellingTests
{
    private const string Id = "8263a268-5388-492a-bca2-28e1ff4a69f0";
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    [Theory]
    [InlineData("finished")]
    [InlineData("FINISHED")]
    [InlineData("Finished")]
    public void The_older_spelling_maps_to_the_key_of_PROCESS_STATE_FINISHED(string state)
    {
        var body = $$"""{"processId":"{{Id}}","state":"{{state}}","flow":"id"}""";
        Assert.True(IdCloudWebhookNotification.TryParse(Encoding.UTF8.GetBytes(body), out var notification));

        Assert.Equal(state, notification.State?.Value);
        Assert.Equal(new IdCloudWebhookDeliveryKey(Id, ProcessState.Finished.Value), WebhookProcessIds.KeyFor(notification));
    }

    [Fact]
    public async Task Both_spellings_of_one_notification_run_the_handler_once()
    {
        await using var server = await WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.ApiKey;
            o.ApiKey = "X-API-Key:k";
            o.MaxConcurrentHandlers = 1;
        });

        using var older = await server.PostAsync($$"""{"processId":"{{Id}}","state":"finished","flow":"id"}""", Credentials);
        using var newer = await server.PostAsync($$"""{"processId":"{{Id}}","state":"PROCESS_STATE_FINISHED","flow":"id"}""", Credentials);

        // A sentinel queued after both: with one worker, a duplicate that had been queued would run before it.
        const string sentinel = "99999999-9999-9999-9999-999999999999";
        using (await server.PostAsync(WebhookTestServer.Notification(sentinel), Credentials))
        {
        }

        await server.Handler.NextRunAsync();
        await server.Handler.NextRunAsync();
        Assert.Equal(HttpStatusCode.Accepted, older.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newer.StatusCode);
        Assert.Equal([Id, sentinel], server.Handler.Runs.Select(r => WebhookProcessIds.Canonical(r.ProcessId)));
    }
}
