using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Faults;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Authentication;

/// <summary>
/// Authentication through the SDK against the emulator's real assertion checks (RS256 against the account's public
/// key, single use, tenant and account state): expired or revoked access tokens are replaced once and the call
/// succeeds; a refusal that means misconfiguration surfaces as a typed error after a single token request.
/// </summary>
public sealed class AuthenticationTests : IClassFixture<AuthenticationTests.Fixture>
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private readonly Fixture _fixture;
    private readonly IdCloudEmulator _emulator;

    public AuthenticationTests(Fixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator;
        _emulator.Reset();
        fixture.Clock.SetOffset(TimeSpan.Zero);
    }

    [Fact]
    public async Task ARevokedAccessTokenIsReplacedOnceAndTheCallSucceeds()
    {
        // Each test is its own application with its own account (a token cache starts empty).
        await using var app = IdCloudApp.Start(_emulator.CreateServiceAccount());
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(50)));
        Assert.Equal(1, _emulator.TokenRequestCount);

        _emulator.RevokeAccessTokens();
        var process = await app.Processes.GetProcessAsync(created.Id!);

        Assert.Equal(created.Id, process.Id);
        Assert.Equal(2, _emulator.TokenRequestCount);
        var statuses = await FaultMatrix.SettledStatusesOf(_emulator, EmulatorRoute.GetProcess, 2);
        Assert.Equal([200, 401], statuses.Order()); // refused once, resent once with the new token
    }

    [Fact]
    public async Task AnAccessTokenTheServerConsidersExpiredIsReplacedOnce()
    {
        // The server's clock runs an hour ahead of the application's view of its token (it starts two hours behind
        // the application's clock, so the application's new assertions are still current for the server afterwards).
        _fixture.Clock.SetOffset(TimeSpan.FromHours(-2));
        await using var app = IdCloudApp.Start(_emulator.CreateServiceAccount());
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(51)));

        _fixture.Clock.Advance(TokenLifetime + TimeSpan.FromSeconds(1));
        var process = await app.Processes.GetProcessAsync(created.Id!);

        Assert.Equal(created.Id, process.Id);
        Assert.Equal(2, _emulator.TokenRequestCount);
        var statuses = await FaultMatrix.SettledStatusesOf(_emulator, EmulatorRoute.GetProcess, 2);
        Assert.Equal([200, 401], statuses.Order()); // refused once, resent once with the new token
    }

    [Fact]
    public async Task WhenTimePassesTheSdkRenewsItsTokenBeforeTheServerRefusesIt()
    {
        // Application and server share one clock: after an hour the SDK knows its token has expired and gets a new
        // one before sending, so the server never answers 401.
        var clock = _fixture.Clock;
        await using var app = IdCloudApp.Start(
            _emulator.CreateServiceAccount(),
            services: services => services.AddSingleton<TimeProvider>(clock));
        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(52)));

        clock.Advance(TokenLifetime + TimeSpan.FromSeconds(1));
        var process = await app.Processes.GetProcessAsync(created.Id!);

        Assert.Equal(created.Id, process.Id);
        Assert.Equal(2, _emulator.TokenRequestCount);
        Assert.Equal([200], await FaultMatrix.SettledStatusesOf(_emulator, EmulatorRoute.GetProcess, 1));
    }

    public static TheoryData<string, string> Misconfigurations() => new()
    {
        { "wrong tenant", "1.0.1" },
        { "locked account", "1.2.18" },
        { "inactive account", "1.2.11" },
        { "another account's key", "1.2.5" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task AMisconfiguredAccountFailsEveryCallWithOneTokenRequest(string misconfiguration, string errorCode)
    {
        var account = _emulator.CreateServiceAccount();
        Action<IdCloudOptions>? configure = null;
        switch (misconfiguration)
        {
            case "wrong tenant":
                configure = options => options.ServiceAccount.TenantId = Guid.NewGuid().ToString();
                break;
            case "locked account":
                account.Lock();
                break;
            case "inactive account":
                account.Deactivate();
                break;
            case "another account's key":
                configure = options => options.ServiceAccount.PrivateKeyPem = _fixture.OtherAccount.PrivateKeyPem;
                break;
        }

        await using var app = IdCloudApp.Start(account, configure);
        var processes = app.Processes;

        // A burst of callers, then a second burst: retrying a refusal like this can lock the account, so the SDK sends
        // one token request and answers everybody else with the same error.
        for (var burst = 0; burst < 2; burst++)
        {
            var calls = Enumerable.Range(0, 20)
                .Select(_ => FaultMatrix.FailureOf(() => processes.GetProcessAsync(Guid.NewGuid().ToString())))
                .ToList();
            foreach (var failure in await Task.WhenAll(calls))
            {
                var refused = IdCloudAssert.IsAssignableFrom<IdCloudException>(IdCloudAssert.NoToken, failure);
                Assert.Equal(IdCloudErrorKind.Authentication, refused.Kind);
                Assert.Equal(errorCode, refused.ErrorCode);
                Assert.True(refused.IsConfigurationError);
                Assert.False(string.IsNullOrWhiteSpace(refused.Advice));
                Assert.DoesNotContain("PRIVATE KEY", refused.Message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(1, _emulator.TokenRequestCount);
        Assert.Equal(HttpStatusCode.Unauthorized, (HttpStatusCode?)(await FaultMatrix.SettledStatusesOf(_emulator, EmulatorRoute.Token, 1)).Single());
        Assert.Equal(0, FaultMatrix.RequestsTo(_emulator, EmulatorRoute.GetProcess)); // nothing was sent without a token
    }

    public sealed class Fixture : EmulatorFixture
    {
        public ShiftableClock Clock { get; } = new();

        /// <summary>An account whose key another application wrongly uses.</summary>
        public EmulatedServiceAccount OtherAccount { get; private set; } = null!;

        protected override IdCloudEmulatorOptions EmulatorOptions => new() { TimeProvider = Clock, AccessTokenLifetime = TokenLifetime };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            OtherAccount = Emulator.CreateServiceAccount();
        }
    }
}
