using Unico.IdCloud.TestSupport;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;

namespace Unico.IdCloud.AspNetCore.Tests.VendorDocs;

/// <summary>
/// docs/completion.md, "What happens to a call": with <c>AfterHandling</c>, a <c>GetProcess</c> that answers 404 is a
/// 200 and an error log (6013), because a redelivery could not make the id readable (a 503 would only make Unico
/// redeliver it until its retries run out, each time spending a read of the tenant's budget). The process API here is
/// a fake vendor host answering the way the vendor's reference documents an unknown process: a bare 404, "apenas o
/// código de status HTTP" — not the SDK's emulator.
/// </summary>
public sealed class AfterHandlingUnreadableProcessTests
{
    [Fact]
    public async Task A_bare_404_from_GetProcess_is_acknowledged_200_logged_6013_and_not_handled()
    {
        var vendor = new BareNotFoundHost();
        var handled = new ConcurrentQueue<string>();
        await using var server = await WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.ApiKey;
                o.ApiKey = "X-API-Key:k";
                o.Acknowledgement = IdCloudWebhookAcknowledgement.AfterHandling;
                o.FetchProcess = true;
            },
            registerHandler: false,
            services: services =>
            {
                services.AddIdCloud(_ => { }).UseTokenProvider(_ => new FixedTokenProvider());
                services.AddHttpClient("Unico.IdCloud.ProcessApi").ConfigurePrimaryHttpMessageHandler(() => vendor);
                services.AddIdCloudWebhookHandler((context, _) =>
                {
                    handled.Enqueue(context.ProcessId);
                    return Task.CompletedTask;
                });
            },
            manualClockForTheApplication: false);

        using var response = await server.PostAsync(WebhookTestServer.Notification("8263a268-5388-492a-bca2-28e1ff4a69f0"), ("X-API-Key", "k"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(handled);
        var unreadable = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 6013);
        Assert.Contains("8263a268-5388-492a-bca2-28e1ff4a69f0", unreadable.Message, StringComparison.Ordinal);
        Assert.Equal(["/client/v1/process/8263a268-5388-492a-bca2-28e1ff4a69f0"], vendor.Paths);
    }

    /// <summary>GetProcess of an unknown process as the vendor documents it: 404, no body, no content type.</summary>
    private sealed class BareNotFoundHost : HttpMessageHandler
    {
        public ConcurrentQueue<string> Paths { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Enqueue(request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
        }
    }
}
