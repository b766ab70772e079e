using System.Net;
using System.Net.Sockets;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.AspNetCore.Tests.EmulatorOAuth2;

/// <summary>
/// When the customer's provider gives no usable token, the delivery attempt fails like an unreachable receiver: it is
/// recorded with an error that names the cause (and no secret), and retried on the emulator's schedule.
/// </summary>
public sealed class OAuth2TokenFailureTests : IClassFixture<OAuth2EmulatorFixture>, IAsyncLifetime
{
    private const string ClientId = "idcloud-webhooks";
    private const string ClientSecret = "cs-77d0e2b4-secret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly OAuth2EmulatorFixture _fixture;
    private OAuth2TokenServer _provider = null!;
    private WebhookTestServer _receiver = null!;

    public OAuth2TokenFailureTests(OAuth2EmulatorFixture fixture)
    {
        fixture.Reset();
        _fixture = fixture;
    }

    private IdCloudEmulator Emulator => _fixture.Emulator;

    public async Task InitializeAsync()
    {
        _provider = await OAuth2TokenServer.StartAsync(ClientId, ClientSecret);
        _receiver = await WebhookTestServer.StartAsync(o =>
        {
            o.Authentication = IdCloudWebhookAuthentication.Bearer;
            o.BearerTokenValidator = (token, _) => ValueTask.FromResult(_provider.IsValid(token));
        });
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Theory]
    [InlineData(OAuth2TokenServer.TokenAnswer.BadRequest, "answered HTTP 400 with error 'invalid_scope'")]
    [InlineData(OAuth2TokenServer.TokenAnswer.NotJson, "with a body that is not JSON (Content-Type 'text/html')")]
    [InlineData(OAuth2TokenServer.TokenAnswer.MacTokenType, "issued a token of type 'mac', not Bearer")]
    [InlineData(OAuth2TokenServer.TokenAnswer.NotUtf8Token, "an access_token that is not text")]
    [InlineData(OAuth2TokenServer.TokenAnswer.LoneSurrogateToken, "an access_token that is not text")]
    [InlineData(OAuth2TokenServer.TokenAnswer.HeaderBreakingToken, "an access_token that cannot be sent as a Bearer credential")]
    [InlineData(OAuth2TokenServer.TokenAnswer.NotUtf8Error, "answered HTTP 400 instead of a token")]
    public async Task A_provider_that_gives_no_usable_token_fails_every_attempt_with_the_cause(OAuth2TokenServer.TokenAnswer answer, string cause)
    {
        _provider.Answer = answer;
        Emulator.ConfigureWebhook(ReceiverUrl(), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));
        var processId = await _fixture.Caller.CreateProcessAsync();

        await Emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await Emulator.WaitForWebhookAttemptsAsync(OAuth2EmulatorFixture.MaxAttempts, Patience);

        var attempts = Emulator.WebhookDeliveries;
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt).ToArray());
        Assert.All(attempts, a =>
        {
            Assert.False(a.Succeeded);
            Assert.Null(a.StatusCode); // the receiver was never called: the status would be the receiver's
            Assert.Contains(cause, a.Error, StringComparison.Ordinal);
            Assert.Contains(_provider.TokenUrl.AbsolutePath, a.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientSecret, a.Error, StringComparison.Ordinal);
            Assert.All(_provider.Issued, token => Assert.DoesNotContain(token, a.Error, StringComparison.Ordinal));
        });
        Assert.Equal(OAuth2EmulatorFixture.MaxAttempts, _provider.Requests); // a new token request on every attempt
        Assert.Empty(_provider.Refusals);
        Assert.Empty(_receiver.Handler.Runs);
    }

    [Fact]
    public async Task An_unreachable_provider_fails_every_attempt_saying_it_could_not_be_reached()
    {
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}/oauth/token");
        Emulator.ConfigureWebhook(ReceiverUrl(), EmulatedWebhookAuthentication.OAuth2(closed, ClientId, ClientSecret));
        var processId = await _fixture.Caller.CreateProcessAsync();

        await Emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await Emulator.WaitForWebhookAttemptsAsync(OAuth2EmulatorFixture.MaxAttempts, Patience);

        var attempts = Emulator.WebhookDeliveries;
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt).ToArray());
        Assert.All(attempts, a =>
        {
            Assert.Null(a.StatusCode);
            Assert.StartsWith($"could not reach the OAuth2 token endpoint http://127.0.0.1:{closed.Port}/oauth/token", a.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientSecret, a.Error, StringComparison.Ordinal);
        });
        Assert.Empty(_receiver.Handler.Runs);
    }

    [Fact]
    public async Task A_provider_that_recovers_lets_the_next_scheduled_attempt_deliver()
    {
        _provider.Answer = OAuth2TokenServer.TokenAnswer.BadRequest;
        _provider.MisbehaveFor(1);
        Emulator.ConfigureWebhook(ReceiverUrl(), EmulatedWebhookAuthentication.OAuth2(_provider.TokenUrl, ClientId, ClientSecret));
        var processId = await _fixture.Caller.CreateProcessAsync();

        await Emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        await Emulator.WaitForWebhookDeliveriesAsync(1, Patience);

        var attempts = Emulator.WebhookDeliveries;
        Assert.Equal(new[] { (1, false), (2, true) }, attempts.Select(a => (a.Attempt, a.Succeeded)).ToArray());
        Assert.Contains("HTTP 400", attempts[0].Error, StringComparison.Ordinal);
        Assert.Null(attempts[1].Error);
        Assert.Equal(2, _provider.Requests); // a failed fetch is not cached: the retry asked again
        Assert.Equal(processId, (await _receiver.Handler.NextRunAsync()).ProcessId);
    }

    private Uri ReceiverUrl() => new(_receiver.Client.BaseAddress!, WebhookTestServer.Path);

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port; // closed again when disposed: connections are refused
    }
}
