using Unico.IdCloud.TestSupport;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.ByClient;

namespace Unico.IdCloud.AspNetCore.Tests.VendorDocs;

/// <summary>
/// The vendor's webhook reference (developer.unico.io "webhooks-and-events", research notes §2/§5): the notification
/// <c>{"processId":"8263a268-…","state":"PROCESS_STATE_FINISHED","flow":"id"}</c> carries no verdict, and for the
/// by Client ("API") contract the result is read with <c>GET /processes/v1/{id}</c>. With <c>FetchProcess = false</c>
/// the handler does that read through <see cref="IIdCloudByClient"/>, here against a fake by Client host serving the
/// vendor's Postman GetProcess body.
/// </summary>
public sealed class ByClientWebhookTests
{
    private const string DocumentedBody = """{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","state":"PROCESS_STATE_FINISHED","flow":"id"}""";

    [Fact]
    public async Task The_documented_notification_lets_the_handler_read_the_by_Client_result()
    {
        var byClientHost = new VendorByClientHost();
        var outcomes = new ConcurrentQueue<IdCloudProcessOutcome>();
        await using var server = await WebhookTestServer.StartAsync(
            o =>
            {
                o.Authentication = IdCloudWebhookAuthentication.Basic;
                o.BasicCredentials = "unico:s3cr3t";
                o.FetchProcess = false;
            },
            registerHandler: false,
            services: services =>
            {
                services.AddIdCloud(options => options.ByClient.ApiKeys["onboarding"] = "key").UseTokenProvider(_ => new FixedTokenProvider());
                services.AddHttpClient(ByClientOperations.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => byClientHost);
                services.AddIdCloudWebhookHandler(async (context, cancellationToken) =>
                {
                    Assert.Null(context.Process); // nothing was read with the by Unico GetProcess
                    var process = await context.Services.GetRequiredService<IIdCloudByClient>().GetProcessAsync(context.ProcessId, cancellationToken);
                    outcomes.Enqueue(process.Interpret().Outcome);
                });
            });

        using var response = await server.PostAsync(DocumentedBody, WebhookTestServer.Basic("unico:s3cr3t"));

        Assert.True(response.IsSuccessStatusCode); // any 2xx is success for Unico
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (outcomes.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal([IdCloudProcessOutcome.Approved], outcomes);
        Assert.Equal(["https://api.id.uat.unico.app/processes/v1/8263a268-5388-492a-bca2-28e1ff4a69f0"], byClientHost.Requests);
    }

    /// <summary>Serves the Postman "Resultado SIM do IDUnico" GetProcess body for any id.</summary>
    private sealed class VendorByClientHost : HttpMessageHandler
    {
        public ConcurrentQueue<string> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request.RequestUri!.ToString());
            var id = request.RequestUri.Segments[^1];
            var json = "{\n    \"id\": \"" + id + "\",\n    \"status\": 3,\n    \"unicoId\": {\n        \"result\": \"yes\"\n    }\n}";
            var content = new StringContent(json, Encoding.UTF8);
            content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
