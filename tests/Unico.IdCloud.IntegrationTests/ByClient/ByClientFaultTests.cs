using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.IntegrationTests.Faults;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.ByClient;

/// <summary>
/// The fault matrix used for by Unico, on the by Client API over real sockets: reads recover after one retry from 5xx,
/// an HTML 502, 429, a hanging answer and dropped connections; CreateProcess is never sent twice once it may have
/// reached the service, and the caller gets its clientReference; an empty or truncated 200 is a typed error.
/// </summary>
public sealed class ByClientFaultTests : IClassFixture<ByClientFaultTests.Fixture>
{
    private readonly Fixture _fixture;
    private readonly ByClientEmulator _byClient;

    public ByClientFaultTests(Fixture fixture)
    {
        _fixture = fixture;
        _byClient = fixture.Emulator.ByClient;
        fixture.Emulator.Reset();
    }

    public static TheoryData<InjectedFault> Transient()
    {
        var data = new TheoryData<InjectedFault>();
        foreach (var fault in FaultMatrix.Transient)
        {
            data.Add(fault);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task GetProcess_succeeds_after_one_retry(InjectedFault fault)
    {
        _byClient.InjectFault(ByClientRoute.GetProcess, FaultMatrix.ToEmulated(fault));

        var process = await _fixture.ClientFor(fault).GetProcessAsync(_fixture.ProcessId);

        Assert.Equal(_fixture.ProcessId, process.Id);
        var statuses = await SettledStatusesAsync(ByClientRoute.GetProcess, 2);
        Assert.Equal(2, statuses.Count);
        Assert.Single(statuses, s => s == 200);
    }

    public static TheoryData<InjectedFault, IdCloudErrorKind, int?, int> CreateProcessFaults() => new()
    {
        // fault, kind, HTTP status, processes actually created
        { InjectedFault.ServerErrorBeforeProcessing, IdCloudErrorKind.ServerError, 500, 0 },
        { InjectedFault.ServerErrorAfterProcessing, IdCloudErrorKind.ServerError, 500, 1 },
        { InjectedFault.GatewayHtmlPage, IdCloudErrorKind.ServiceUnavailable, 502, 0 },
        { InjectedFault.ServiceUnavailable, IdCloudErrorKind.ServiceUnavailable, 503, 0 },
        { InjectedFault.DelayBeyondAttemptTimeout, IdCloudErrorKind.Timeout, null, 0 },
        { InjectedFault.ConnectionAbort, IdCloudErrorKind.Transport, null, 0 },
        { InjectedFault.ConnectionAbortAfterProcessing, IdCloudErrorKind.Transport, null, 1 },
        { InjectedFault.MalformedBody, IdCloudErrorKind.InvalidResponse, 200, 1 },
    };

    [Theory]
    [MemberData(nameof(CreateProcessFaults))]
    public async Task CreateProcess_is_never_sent_twice_once_it_may_have_reached_the_service(InjectedFault fault, IdCloudErrorKind kind, int? status, int created)
    {
        _byClient.InjectFault(ByClientRoute.CreateProcess, FaultMatrix.ToEmulated(fault));

        var failure = await FaultMatrix.FailureOf(() => _fixture.ClientFor(fault).CreateProcessAsync(
            ByClientProcessRequest.ForIdentity(ByClientJourneyTests.Subject("ref-fault"), _byClient.CreateCapture())));

        var typed = Assert.IsType<IdCloudByClientException>(failure);
        Assert.Equal(ByClientErrorReason.OutcomeUnknown, typed.Reason);
        Assert.Equal(kind, typed.Kind);
        Assert.Equal(status, (int?)typed.StatusCode);
        Assert.True(typed.RequestMayHaveBeenProcessed);
        Assert.Equal("ref-fault", typed.ClientReference);
        Assert.Contains("clientReference", typed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", typed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, typed.RetryCount);
        Assert.Single(await SettledStatusesAsync(ByClientRoute.CreateProcess, 1));
        Assert.Equal(created, _byClient.ProcessCreationCount);
    }

    [Fact]
    public async Task CreateProcess_rate_limited_is_not_retried_and_not_processed()
    {
        _byClient.InjectFault(ByClientRoute.CreateProcess, FaultMatrix.ToEmulated(InjectedFault.RateLimited));

        var failure = await FaultMatrix.FailureOf(() => _fixture.App.Services.GetRequiredService<IIdCloudClientFactory>().GetByClient("onboarding")
            .CreateProcessAsync(ByClientProcessRequest.ForIdentity(ByClientJourneyTests.Subject("ref-429"), _byClient.CreateCapture())));

        var limited = Assert.IsType<IdCloudRateLimitedException>(failure);
        Assert.Equal(TimeSpan.FromSeconds(FaultMatrix.RetryAfterSeconds), limited.RetryAfter);
        Assert.False(limited.RequestMayHaveBeenProcessed);
        Assert.Single(await SettledStatusesAsync(ByClientRoute.CreateProcess, 1));
        Assert.Equal(0, _byClient.ProcessCreationCount);
    }

    public static TheoryData<InjectedFault, IdCloudErrorKind> VerifyDataFaults() => new()
    {
        // Whether the emulator acted on it or not, the client cannot tell once the request has left.
        { InjectedFault.ServerErrorBeforeProcessing, IdCloudErrorKind.ServerError },
        { InjectedFault.ServerErrorAfterProcessing, IdCloudErrorKind.ServerError },
        { InjectedFault.ServiceUnavailable, IdCloudErrorKind.ServiceUnavailable },
        { InjectedFault.GatewayHtmlPage, IdCloudErrorKind.ServiceUnavailable },
        { InjectedFault.DelayBeyondAttemptTimeout, IdCloudErrorKind.Timeout },
        { InjectedFault.ConnectionAbort, IdCloudErrorKind.Transport },
        { InjectedFault.ConnectionAbortAfterProcessing, IdCloudErrorKind.Transport },
        { InjectedFault.MalformedBody, IdCloudErrorKind.InvalidResponse },
    };

    /// <summary>
    /// The vendor may bill every Data Verification: once the request may have left it is never sent again, and the caller
    /// is told it may have counted (GetProcess, a read, recovers from the same faults after one retry).
    /// </summary>
    [Theory]
    [MemberData(nameof(VerifyDataFaults))]
    public async Task VerifyData_is_never_sent_twice_once_it_may_have_reached_the_service(InjectedFault fault, IdCloudErrorKind kind)
    {
        _byClient.InjectFault(ByClientRoute.VerifyData, FaultMatrix.ToEmulated(fault));

        var failure = await FaultMatrix.FailureOf(() => _fixture.VerifyDataClientFor(fault).VerifyDataAsync("73689290074"));

        Assert.Equal(kind, failure.Kind);
        Assert.True(failure.RequestMayHaveBeenProcessed);
        Assert.Equal(0, failure.RetryCount);
        Assert.DoesNotContain("73689290074", failure.ToString(), StringComparison.Ordinal);
        Assert.Single(await SettledStatusesAsync(ByClientRoute.VerifyData, 1));
    }

    [Fact]
    public async Task VerifyData_rate_limited_is_not_retried()
    {
        _byClient.InjectFault(ByClientRoute.VerifyData, FaultMatrix.ToEmulated(InjectedFault.RateLimited));

        var failure = await FaultMatrix.FailureOf(() => _fixture.VerifyDataClient.VerifyDataAsync("73689290074"));

        var limited = Assert.IsType<IdCloudRateLimitedException>(failure);
        Assert.Equal(TimeSpan.FromSeconds(FaultMatrix.RetryAfterSeconds), limited.RetryAfter);
        Assert.Single(await SettledStatusesAsync(ByClientRoute.VerifyData, 1));
    }

    [Theory]
    [InlineData(ByClientRoute.GetProcess)]
    [InlineData(ByClientRoute.GetProcessDetails)]
    [InlineData(ByClientRoute.GetReusableDocuments)]
    public async Task An_empty_or_truncated_200_to_a_read_is_an_invalid_response_not_retried(ByClientRoute route)
    {
        _byClient.InjectFault(route, EmulatedFault.StatusAfterProcessing(200));
        _byClient.InjectFault(route, EmulatedFault.MalformedBody());

        foreach (var _ in new[] { "empty", "truncated" })
        {
            var failure = await FaultMatrix.FailureOf(() => ReadAsync(route));
            IdCloudAssert.IsType<IdCloudException>(IdCloudErrorKind.InvalidResponse, failure);
            Assert.Equal(HttpStatusCode.OK, failure.StatusCode);
        }

        Assert.Equal(2, (await SettledStatusesAsync(route, 2)).Count);
    }

    [Fact]
    public async Task An_empty_200_to_CreateProcess_says_a_process_may_exist()
    {
        _byClient.InjectFault(ByClientRoute.CreateProcess, EmulatedFault.StatusAfterProcessing(200));

        var failure = await FaultMatrix.FailureOf(() => _fixture.Onboarding.CreateProcessAsync(
            ByClientProcessRequest.ForIdentity(ByClientJourneyTests.Subject("ref-empty"), _byClient.CreateCapture())));

        var typed = Assert.IsType<IdCloudByClientException>(failure);
        Assert.Equal(IdCloudErrorKind.InvalidResponse, typed.Kind);
        Assert.Equal("ref-empty", typed.ClientReference);
        Assert.Equal(1, _byClient.ProcessCreationCount);
    }

    private Task ReadAsync(ByClientRoute route) => route switch
    {
        ByClientRoute.GetProcess => _fixture.Onboarding.GetProcessAsync(_fixture.ProcessId),
        ByClientRoute.GetProcessDetails => _fixture.Onboarding.GetProcessDetailsAsync(_fixture.ProcessId),
        _ => _fixture.Onboarding.GetReusableDocumentsAsync("73689290074", ByClientDocumentType.Cnh),
    };

    /// <summary>Waits (bounded) until the emulator has logged <paramref name="count"/> requests on the route; it learns of a client that gave up a moment late.</summary>
    private async Task<IReadOnlyList<int?>> SettledStatusesAsync(ByClientRoute route, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_byClient.Requests.Count(r => r.Route == route) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return [.. _byClient.Requests.Where(r => r.Route == route).Select(r => r.StatusCode)];
    }

    public sealed class Fixture : EmulatorFixture
    {
        public IdCloudApp App { get; private set; } = null!;

        /// <summary>Attempts time out after one second: the application that meets the hanging answers.</summary>
        public IdCloudApp ImpatientApp { get; private set; } = null!;

        public string ProcessId { get; private set; } = null!;

        public IIdCloudByClient Onboarding => App.Services.GetRequiredService<IIdCloudClientFactory>().GetByClient("onboarding");

        /// <summary>
        /// The application that meets the Data Verification faults: it has no circuit breaker, because its deliberate
        /// failures in a row would otherwise open the breaker of the application the other tests of this class share,
        /// which then refuses their calls. Its attempts have the default timeout: with one second (needed only for the
        /// hanging answer, which <see cref="ImpatientVerifyDataApp"/> meets) a gateway's HTML page that a loaded machine
        /// took over a second to deliver and read was a Timeout, not ServiceUnavailable, and the test failed.
        /// </summary>
        public IdCloudApp VerifyDataApp { get; private set; } = null!;

        /// <summary>As <see cref="VerifyDataApp"/>, with attempts that time out after one second: meets the hanging answer.</summary>
        public IdCloudApp ImpatientVerifyDataApp { get; private set; } = null!;

        public IIdCloudByClient VerifyDataClient => VerifyDataApp.Services.GetRequiredService<IIdCloudClientFactory>().GetByClient("onboarding");

        public IIdCloudByClient VerifyDataClientFor(InjectedFault fault) =>
            (fault == InjectedFault.DelayBeyondAttemptTimeout ? ImpatientVerifyDataApp : VerifyDataApp).Services.GetRequiredService<IIdCloudClientFactory>().GetByClient("onboarding");

        public IIdCloudByClient ClientFor(InjectedFault fault) =>
            (fault == InjectedFault.DelayBeyondAttemptTimeout ? ImpatientApp : App).Services.GetRequiredService<IIdCloudClientFactory>().GetByClient("onboarding");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var key = Emulator.ByClient.CreateApiKey(new ByClientKeySettings { Documents = true });
            App = IdCloudApp.Start(Account, options => Emulator.ByClient.ApplyTo(options, ("onboarding", key)), IdCloudApp.FastRetries);
            ImpatientApp = IdCloudApp.Start(Account, options => Emulator.ByClient.ApplyTo(options, ("onboarding", key)), resilience =>
            {
                IdCloudApp.FastRetries(resilience);
                resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
            });
            ProcessId = (await Onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(ByClientJourneyTests.Subject("ref-fixture"), Emulator.ByClient.CreateCapture()))).Id;

            VerifyDataApp = IdCloudApp.Start(Account, options => Emulator.ByClient.ApplyTo(options, ("onboarding", key)), resilience =>
            {
                IdCloudApp.FastRetries(resilience);
                resilience.CircuitBreakerEnabled = false;
            });
            ImpatientVerifyDataApp = IdCloudApp.Start(Account, options => Emulator.ByClient.ApplyTo(options, ("onboarding", key)), resilience =>
            {
                IdCloudApp.FastRetries(resilience);
                resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
                resilience.CircuitBreakerEnabled = false;
            });

            // Warm the impatient applications up (token cached, connection open): their one-second attempts must meet the
            // emulator's hanging answer, not time out before the request leaves on a busy machine.
            await ClientFor(InjectedFault.DelayBeyondAttemptTimeout).GetProcessAsync(ProcessId);
            await VerifyDataClient.VerifyDataAsync("73689290074");
            await VerifyDataClientFor(InjectedFault.DelayBeyondAttemptTimeout).VerifyDataAsync("73689290074");
        }

        public override async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await ImpatientApp.DisposeAsync();
            await VerifyDataApp.DisposeAsync();
            await ImpatientVerifyDataApp.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
