using System.Net;
using Unico.IdCloud.AspNetCore.Endpoint;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>
/// Issue 14 risk: the de-duplication key was case-sensitive on the state and treated a missing state and the
/// <c>{guid}</c> / 32-hex spellings of one id as different — 8 spellings of one notification ran the handler 6 times.
/// </summary>
public sealed class WebhookDeduplicationKeyTests
{
    private const string Id = "8263a268-5388-492a-bca2-28e1ff4a69f0";
    private static readonly (string, string) Credentials = ("X-API-Key", "k");

    public static TheoryData<string> EightSpellings => new(Spellings);

    private static readonly string[] Spellings =
    [
        $$"""{"processId":"{{Id}}","state":"PROCESS_STATE_FINISHED"}""",
        $$"""{"processId":"{{Id.ToUpperInvariant()}}","state":"PROCESS_STATE_FINISHED"}""",
        $$"""{"processId":"{{Id.Replace("-", "", StringComparison.Ordinal)}}","state":"PROCESS_STATE_FINISHED"}""",
        $$"""{"processId":"{{Id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()}}","state":"process_state_finished"}""",
        $$"""{"processId":"{{{Id}}}","state":"PROCESS_STATE_FINISHED"}""",
        $$"""{"processId":"{{{Id.ToUpperInvariant()}}}","state":"Process_State_Finished"}""",
        $$"""{"processId":"{{Id}}","state":"process_state_finished"}""",
        $$"""{"processId":"{{Id}}"}""",
    ];

    [Fact]
    public async Task EightSpellingsOfOneNotification_RunTheHandlerOnce()
    {
        await using var server = await WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.ApiKey;
            o.ApiKey = "X-API-Key:k";
            o.MaxConcurrentHandlers = 1;
        });

        var statuses = new List<HttpStatusCode>();
        foreach (var body in Spellings)
        {
            using var response = await server.PostAsync(body, Credentials);
            statuses.Add(response.StatusCode);
        }

        // A sentinel queued after the eight: with one worker, any duplicate that had been queued would run before it.
        const string sentinel = "99999999-9999-9999-9999-999999999999";
        using (await server.PostAsync(WebhookTestServer.Notification(sentinel), Credentials))
        {
        }

        await server.Handler.NextRunAsync();
        await server.Handler.NextRunAsync();
        Assert.Equal([HttpStatusCode.Accepted, .. Enumerable.Repeat(HttpStatusCode.OK, 7)], statuses);
        Assert.Equal([Id, sentinel], server.Handler.Runs.Select(r => WebhookProcessIds.Canonical(r.ProcessId)));
    }

    [Theory]
    [MemberData(nameof(EightSpellings))]
    public void EachSpelling_MapsToTheOneCanonicalKey(string body)
    {
        Assert.True(IdCloudWebhookNotification.TryParse(System.Text.Encoding.UTF8.GetBytes(body), out var notification));

        Assert.Equal(new IdCloudWebhookDeliveryKey(Id, ProcessState.Finished.Value), WebhookProcessIds.KeyFor(notification));
    }

    [Fact]
    public void NonGuidIds_AreComparedIgnoringCase_AndOtherStatesStayDistinct()
    {
        var a = WebhookProcessIds.KeyFor(new IdCloudWebhookNotification("Proc-ABC"));
        var b = WebhookProcessIds.KeyFor(new IdCloudWebhookNotification("proc-abc") { State = new ProcessState("PROCESS_STATE_FINISHED") });
        var other = WebhookProcessIds.KeyFor(new IdCloudWebhookNotification("proc-abc") { State = new ProcessState("process_state_something_new") });

        Assert.Equal(a, b);
        Assert.Equal("PROCESS_STATE_SOMETHING_NEW", other.State);
        Assert.NotEqual(a, other);
    }
}
