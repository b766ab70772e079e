using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Faults;

/// <summary>
/// The circuit breaker with real sockets: once the process API keeps failing, calls fail fast without reaching it,
/// while the signature API (its own breaker) keeps working.
/// </summary>
public sealed class CircuitBreakerTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public CircuitBreakerTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
    }

    [Fact]
    public async Task AFailingProcessApiOpensItsBreakerAndCallsFailFast()
    {
        var emulator = _fixture.Emulator;
        await using var app = IdCloudApp.Start(_fixture.Account, resilience: options =>
        {
            options.MaxRetryAttempts = 0; // one attempt per call, so each call is one failure
            options.CircuitBreakerMinimumThroughput = 2;
            options.CircuitBreakerFailureRatio = 0.5;
            options.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(1);
        });
        var signed = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdUnicoSign, People.Cpf(60)));
        await emulator.FinishProcessAsync(signed.Id!, EmulatedOutcome.Approved);
        var documentId = (await app.Processes.GetProcessAsync(signed.Id!)).Services![0].DocumentIds![0];
        emulator.ResetRequestLog();

        emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.Status(503), times: 2);
        for (var i = 0; i < 2; i++)
        {
            var failure = await FaultMatrix.FailureOf(() => app.Processes.GetProcessAsync(signed.Id!));
            Assert.Equal(IdCloudErrorKind.ServiceUnavailable, failure.Kind);
        }

        var open = await FaultMatrix.FailureOf(() => app.Processes.GetProcessAsync(signed.Id!));

        var circuitOpen = IdCloudAssert.IsType<IdCloudException>(IdCloudErrorKind.CircuitOpen, open);
        Assert.Equal(IdCloudErrorKind.CircuitOpen, circuitOpen.Kind);
        Assert.NotNull(circuitOpen.RetryAfter);
        Assert.InRange(circuitOpen.RetryAfter.Value, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await FaultMatrix.SettledStatusesOf(emulator, EmulatorRoute.GetProcess, 2)).Count); // the third call never left

        await using var download = await app.Signatures.GetSignedDocumentAsync(documentId);
        FileAssert.IsCompletePdf(await FileAssert.ReadAllAsync(download));
    }
}
