using System.Net;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Faults;

/// <summary>
/// The fault matrix on the process API: every injected fault on CreateProcess, GetProcess, GetSelfie and
/// GetEvidenceSet ends in success after a retry (reads) or in the documented <see cref="IdCloudException"/> (writes and
/// unreadable answers), and CreateProcess is never sent twice.
/// </summary>
public sealed class ProcessApiFaultTests : IClassFixture<ProcessApiFaultTests.Fixture>
{
    private readonly Fixture _fixture;
    private readonly IdCloudEmulator _emulator;

    public ProcessApiFaultTests(Fixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator;
        _emulator.Reset();
    }

    private IIdCloudProcessClient Processes => _fixture.App.Processes;

    /// <summary>The application whose attempts time out after one second: the one that meets the hanging answers.</summary>
    private IIdCloudProcessClient ProcessesFor(InjectedFault fault) =>
        fault == InjectedFault.DelayBeyondAttemptTimeout ? _fixture.ImpatientApp.Processes : Processes;

    public static TheoryData<EmulatorRoute, InjectedFault> ReadsWithTransientFaults()
    {
        var data = new TheoryData<EmulatorRoute, InjectedFault>();
        foreach (var route in new[] { EmulatorRoute.GetProcess, EmulatorRoute.GetSelfie, EmulatorRoute.GetEvidenceSet })
        {
            foreach (var fault in FaultMatrix.Transient)
            {
                data.Add(route, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadsWithTransientFaults))]
    public async Task ReadsSucceedAfterOneRetry(EmulatorRoute route, InjectedFault fault)
    {
        _emulator.InjectFault(route, FaultMatrix.ToEmulated(fault));

        await ReadAsync(ProcessesFor(fault), route);

        var statuses = await FaultMatrix.SettledStatusesOf(_emulator, route, 2);
        // The failed attempt and one retry. The emulator logs a request when done with it, and it notices a client
        // that gave up on a hanging answer a moment late, so the log's order is not the attempts' order.
        Assert.Equal(2, statuses.Count);
        Assert.Single(statuses, status => status == 200);
    }

    [Theory]
    [InlineData(EmulatorRoute.GetProcess)]
    [InlineData(EmulatorRoute.GetSelfie)]
    [InlineData(EmulatorRoute.GetEvidenceSet)]
    public async Task AMalformedAnswerToAReadIsAnInvalidResponse(EmulatorRoute route)
    {
        _emulator.InjectFault(route, FaultMatrix.ToEmulated(InjectedFault.MalformedBody));

        var failure = await FaultMatrix.FailureOf(() => ReadAsync(Processes, route));

        IdCloudAssert.IsType<IdCloudException>(IdCloudErrorKind.InvalidResponse, failure);
        Assert.Equal(IdCloudErrorKind.InvalidResponse, failure.Kind);
        Assert.Equal(HttpStatusCode.OK, failure.StatusCode);
        Assert.False(failure.RequestMayHaveBeenProcessed);
        Assert.Single(await FaultMatrix.SettledStatusesOf(_emulator, route, 1)); // a 200 is not retried, whatever its body
    }

    public static TheoryData<InjectedFault, Type, IdCloudErrorKind, int?, int> CreateProcessFaults() => new()
    {
        // fault, exception type, kind, HTTP status, processes actually created
        { InjectedFault.ServerErrorBeforeProcessing, typeof(IdCloudApiException), IdCloudErrorKind.ServerError, 500, 0 },
        { InjectedFault.ServerErrorAfterProcessing, typeof(IdCloudApiException), IdCloudErrorKind.ServerError, 500, 1 },
        { InjectedFault.GatewayHtmlPage, typeof(IdCloudApiException), IdCloudErrorKind.ServiceUnavailable, 502, 0 },
        { InjectedFault.ServiceUnavailable, typeof(IdCloudApiException), IdCloudErrorKind.ServiceUnavailable, 503, 0 },
        { InjectedFault.DelayBeyondAttemptTimeout, typeof(IdCloudException), IdCloudErrorKind.Timeout, null, 0 },
        { InjectedFault.ConnectionAbort, typeof(IdCloudException), IdCloudErrorKind.Transport, null, 0 },
        { InjectedFault.ConnectionAbortAfterProcessing, typeof(IdCloudException), IdCloudErrorKind.Transport, null, 1 },
        { InjectedFault.MalformedBody, typeof(IdCloudException), IdCloudErrorKind.InvalidResponse, 200, 1 },
    };

    /// <summary>
    /// Once CreateProcess may have reached IDCloud it is never sent again (a second, billable process), and the caller
    /// is told to look the process up before trying again. The emulator counts what was really created.
    /// </summary>
    [Theory]
    [MemberData(nameof(CreateProcessFaults))]
    public async Task CreateProcessIsNeverRepeated(InjectedFault fault, Type exceptionType, IdCloudErrorKind kind, int? status, int created)
    {
        _emulator.InjectFault(EmulatorRoute.CreateProcess, FaultMatrix.ToEmulated(fault));

        var failure = await FaultMatrix.FailureOf(() => ProcessesFor(fault).CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(20))));

        Assert.IsType(exceptionType, failure);
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(status, (int?)failure.StatusCode);
        Assert.True(failure.RequestMayHaveBeenProcessed, "The caller must be told the process may exist.");
        Assert.Contains("clientReference", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, failure.RetryCount);
        Assert.Single(await FaultMatrix.SettledStatusesOf(_emulator, EmulatorRoute.CreateProcess, 1));
        Assert.Equal(created, _emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task CreateProcessRateLimitedIsNotRetriedAndCarriesRetryAfter()
    {
        _emulator.InjectFault(EmulatorRoute.CreateProcess, FaultMatrix.ToEmulated(InjectedFault.RateLimited));

        var failure = await FaultMatrix.FailureOf(() => Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(21))));

        var limited = Assert.IsType<IdCloudRateLimitedException>(failure);
        Assert.Equal(IdCloudErrorKind.RateLimited, limited.Kind);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(FaultMatrix.RetryAfterSeconds), limited.RetryAfter);
        Assert.Equal("8", limited.ErrorCode);
        Assert.False(limited.RequestMayHaveBeenProcessed); // a 429 was refused, not processed
        Assert.Single(await FaultMatrix.SettledStatusesOf(_emulator, EmulatorRoute.CreateProcess, 1));
        Assert.Equal(0, _emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task AReadThatKeepsFailingReportsItsRetries()
    {
        _emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.Status(503), times: 10);

        var failure = await FaultMatrix.FailureOf(() => Processes.GetProcessAsync(_fixture.FinishedProcessId));

        Assert.IsType<IdCloudApiException>(failure);
        Assert.Equal(IdCloudErrorKind.ServiceUnavailable, failure.Kind);
        Assert.Equal(Fixture.MaxRetryAttempts, failure.RetryCount);
        Assert.Equal(Fixture.MaxRetryAttempts + 1, (await FaultMatrix.SettledStatusesOf(_emulator, EmulatorRoute.GetProcess, Fixture.MaxRetryAttempts + 1)).Count);
    }

    [Fact]
    public async Task TheCallersOwnCancellationIsNotReportedAsATimeout()
    {
        _emulator.InjectFault(EmulatorRoute.GetProcess, FaultMatrix.ToEmulated(InjectedFault.DelayBeyondAttemptTimeout), times: 5);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // The caller gives up while IDCloud hangs: that is the caller's decision, surfaced as such (not an
        // an IdCloudException of kind Timeout, and not retried against the caller's will).
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Processes.GetProcessAsync(_fixture.FinishedProcessId, cancellation.Token));

        Assert.Equal(cancellation.Token, cancelled.CancellationToken);
    }

    private async Task ReadAsync(IIdCloudProcessClient processes, EmulatorRoute route)
    {
        var id = _fixture.FinishedProcessId;
        switch (route)
        {
            case EmulatorRoute.GetProcess:
                var process = await processes.GetProcessAsync(id);
                Assert.Equal(ProcessState.Finished, process.State);
                Assert.Equal(ProcessResult.Ok, process.Result);
                break;
            case EmulatorRoute.GetSelfie:
                var selfie = await processes.GetSelfieAsync(id);
                FileAssert.IsJpeg(selfie.Content.Span);
                break;
            case EmulatorRoute.GetEvidenceSet:
                var evidence = await processes.GetEvidenceSetAsync(id);
                Assert.Equal("application/pdf", evidence.ContentType);
                FileAssert.IsCompletePdf(evidence.Content.Span);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(route), route, null);
        }
    }

    public sealed class Fixture : EmulatorFixture
    {
        public const int MaxRetryAttempts = 3;

        /// <summary>Generous timeouts: a cold first call (JIT, key import, first token) can take a second on a small machine.</summary>
        public IdCloudApp App { get; private set; } = null!;

        /// <summary>A second application (own service account) whose attempts time out after one second.</summary>
        public IdCloudApp ImpatientApp { get; private set; } = null!;

        public string FinishedProcessId { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            App = IdCloudApp.Start(Account, resilience: options => Configure(options, attemptTimeout: TimeSpan.FromSeconds(10)));
            ImpatientApp = IdCloudApp.Start(Emulator.CreateServiceAccount(), resilience: options => Configure(options, attemptTimeout: TimeSpan.FromSeconds(1)));

            var created = await App.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(22)));
            await Emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);
            FinishedProcessId = created.Id!;

            // The impatient application gets its token and warms its paths now (reads are retried if this is slow),
            // so in the tests only the injected hang can outlast its attempts.
            await ImpatientApp.Processes.GetProcessAsync(FinishedProcessId);
            await ImpatientApp.Processes.GetSelfieAsync(FinishedProcessId);
            await ImpatientApp.Processes.GetEvidenceSetAsync(FinishedProcessId);
        }

        public override async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await ImpatientApp.DisposeAsync();
            await base.DisposeAsync();
        }

        private static void Configure(Client.IdCloudResilienceOptions options, TimeSpan attemptTimeout)
        {
            IdCloudApp.FastRetries(options);
            options.MaxRetryAttempts = MaxRetryAttempts;
            options.AttemptTimeout = attemptTimeout;
            options.TotalTimeout = TimeSpan.FromSeconds(30);

            // Each case injects its failures into a healthy service: one case's failures must not open the breaker
            // for the next. The breaker has its own test.
            options.CircuitBreakerEnabled = false;
        }
    }
}
