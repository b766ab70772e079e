using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Net;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;

namespace Unico.IdCloud.AspNetCore.Tests;

/// <summary>Configuration mistakes surface when the endpoint is mapped, with a message naming the setting.</summary>
public sealed class WebhookStartupTests
{
    public static TheoryData<string, Action<IdCloudWebhookOptions>, string> Misconfigurations => new()
    {
        { "no scheme chosen", _ => { }, "Authentication" },
        { "basic without credentials", o => o.Authentication = IdCloudWebhookAuthentication.Basic, "BasicCredentials" },
        { "basic without colon", o => { o.Authentication = IdCloudWebhookAuthentication.Basic; o.BasicCredentials = "just-a-password"; }, "user:password" },
        { "api key missing", o => o.Authentication = IdCloudWebhookAuthentication.ApiKey, "ApiKey" },
        { "api key header invalid", o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "X API Key:abc"; }, "header name" },
        { "api key value empty", o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "X-API-Key:"; }, "must not be empty" },
        { "bearer without validator", o => o.Authentication = IdCloudWebhookAuthentication.Bearer, "BearerTokenValidator" },
        { "empty additional secret", o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "k"; o.AdditionalSecrets.Add(" "); }, "AdditionalSecrets" },
        { "zero handler timeout", o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "k"; o.HandlerTimeout = TimeSpan.Zero; }, "HandlerTimeout must be positive" },
        { "zero queue", o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "k"; o.QueueCapacity = 0; }, "QueueCapacity must be positive" },
        { "retry cap below delay", o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "k"; o.HandlerRetryMaxDelay = TimeSpan.FromSeconds(1); }, "HandlerRetryMaxDelay must be at least HandlerRetryDelay" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void An_unusable_configuration_fails_when_the_endpoint_is_mapped(string because, Action<IdCloudWebhookOptions> configure, string named)
    {
        _ = because;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIdCloudWebhook(configure);
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapIdCloudWebhook("/hook"));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_without_registering_says_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapIdCloudWebhook("/hook"));

        Assert.Contains("AddIdCloudWebhook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_authentication_is_refused_in_production()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Services.AddIdCloudWebhook(o => o.Authentication = IdCloudWebhookAuthentication.None);
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapIdCloudWebhook("/hook"));

        Assert.Contains("development only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_authentication_in_development_works_and_warns_at_start_up()
    {
        await using var server = await WebhookTestServer.StartAsync(o => o.Authentication = IdCloudWebhookAuthentication.None);

        using var response = await server.PostAsync(WebhookTestServer.Notification("8263a268-5388-492a-bca2-28e1ff4a69f0"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var warning = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 6000);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("WITHOUT authentication", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_never_shows_secrets()
    {
        var options = new IdCloudWebhookOptions { Authentication = IdCloudWebhookAuthentication.Basic, BasicCredentials = "unico:s3cr3t", ApiKey = "X-API-Key:abc123" };

        var text = options.ToString();

        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", text, StringComparison.Ordinal);
        Assert.Contains("Basic", text, StringComparison.Ordinal);
    }
}
