using Microsoft.Extensions.Time.Testing;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

public sealed class HostingTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Fact]
    public void Three_loopback_listeners_on_distinct_ports_without_trailing_slashes()
    {
        Uri[] addresses = [Emulator.IdentityBaseAddress, Emulator.ProcessApiBaseAddress, Emulator.SignatureApiBaseAddress];

        Assert.All(addresses, a => Assert.Equal("127.0.0.1", a.Host));
        Assert.All(addresses, a => Assert.False(a.OriginalString.EndsWith('/')));
        Assert.Equal(3, addresses.Select(a => a.Port).Distinct().Count());
    }

    [Fact]
    public async Task A_token_request_sent_to_the_process_host_is_a_404()
    {
        using var response = await Http.PostAsync(
            new Uri(Emulator.ProcessApiBaseAddress, "/oauth2/token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = EmulatorHttp.JwtBearer, ["assertion"] = "x" }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, Emulator.TokenRequestCount);
    }

    [Fact]
    public async Task A_process_call_sent_to_the_signature_host_is_a_404()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.SignatureApiBaseAddress, "/client/v1/process", token, EmulatorHttp.CreateBody()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 page not found", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, Emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task A_signature_call_sent_to_the_process_host_is_a_404()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/api/v1/service/file/" + Guid.NewGuid(), token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_naming_the_right_one()
    {
        using var response = await Http.GetAsync(new Uri(Emulator.IdentityBaseAddress, "/oauth2/token"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", Assert.Single(response.Content.Headers.Allow));
    }

    [Fact]
    public async Task The_request_log_records_each_call_but_never_the_token()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        await GetProcessAsync(token, id);

        var requests = Emulator.Requests;

        Assert.Equal([EmulatorRoute.Token, EmulatorRoute.CreateProcess, EmulatorRoute.GetProcess], requests.Select(r => r.Route!.Value).ToArray());
        Assert.Equal([EmulatorListener.Identity, EmulatorListener.Process, EmulatorListener.Process], requests.Select(r => r.Listener).ToArray());
        Assert.Equal([200, 200, 200], requests.Select(r => r.StatusCode!.Value).ToArray());
        Assert.Equal([false, true, true], requests.Select(r => r.HasAuthorization).ToArray());
        Assert.Equal("/client/v1/process/" + id, requests[2].Path);
        Assert.Equal("GET", requests[2].Method);
        Assert.All(requests, r => Assert.Equal(Clock.GetUtcNow(), r.Timestamp));
        Assert.DoesNotContain(token, string.Join('\n', requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetRequestLog_clears_the_log_and_the_counters()
    {
        var token = await TokenAsync();
        await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"));

        Emulator.ResetRequestLog();

        Assert.Empty(Emulator.Requests);
        Assert.Equal(0, Emulator.TokenRequestCount);
        Assert.Equal(0, Emulator.ProcessCreationCount);
        Assert.NotEmpty(Emulator.ProcessIds); // processes themselves stay
    }

    [Fact]
    public async Task Logs_never_contain_the_assertion_the_access_token_or_the_key()
    {
        var sink = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        var clock = new FakeTimeProvider(EmulatorFixture.ClockStart);
        await using (var emulator = await IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions { TimeProvider = clock, LoggerFactory = loggerFactory }))
        {
            var account = emulator.CreateServiceAccount();
            var assertion = Assertion.For(account, emulator.Audience, clock.GetUtcNow()).Sign(account.PrivateKeyPem);
            using var tokenResponse = await EmulatorHttp.PostTokenAsync(Http, emulator, assertion);
            using var json = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
            var token = json.RootElement.GetProperty("access_token").GetString()!;
            using var created = await Http.SendAsync(EmulatorHttp.PostJson(emulator.ProcessApiBaseAddress, "/client/v1/process", token, EmulatorHttp.CreateBody()));
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);

            var logged = string.Join('\n', sink.Messages);
            Assert.Contains("/client/v1/process", logged, StringComparison.Ordinal); // logging is on...
            Assert.DoesNotContain(assertion.Split('.')[2], logged, StringComparison.Ordinal); // ...but carries no secret
            Assert.DoesNotContain(token.Split('.')[2], logged, StringComparison.Ordinal);
            Assert.DoesNotContain("73689290074", logged, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Disposal_stops_the_listeners_and_the_scripting_surface()
    {
        var emulator = await IdCloudEmulator.StartAsync();
        var address = emulator.ProcessApiBaseAddress;

        await emulator.DisposeAsync();
        await emulator.DisposeAsync(); // idempotent

        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(new Uri(address, "/client/v1/process/x")));
        Assert.Throws<ObjectDisposedException>(() => emulator.CreateServiceAccount());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => emulator.FinishProcessAsync(Guid.NewGuid().ToString(), EmulatedOutcome.Approved));
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Collector(CollectingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(category + ": " + formatter(state, exception) + " " + exception);
        }
    }
}
