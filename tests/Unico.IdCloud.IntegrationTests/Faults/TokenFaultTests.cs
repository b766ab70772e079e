using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Faults;

/// <summary>
/// The fault matrix on the token endpoint, met by an application's very first call: every transient failure of the
/// identity service is retried once with a fresh assertion, the call succeeds, and the CreateProcess that waited for
/// the token is sent exactly once.
/// </summary>
public sealed class TokenFaultTests : IClassFixture<EmulatorFixture>
{
    private readonly IdCloudEmulator _emulator;

    public TokenFaultTests(EmulatorFixture fixture)
    {
        _emulator = fixture.Emulator;
        _emulator.Reset();
    }

    public static TheoryData<InjectedFault> TokenFaults() => new(FaultMatrix.Transient.Append(InjectedFault.MalformedBody));

    [Theory]
    [MemberData(nameof(TokenFaults))]
    public async Task TheFirstCallSucceedsWithOneMoreTokenRequest(InjectedFault fault)
    {
        // A new application with its own service account: its first call has to get a token.
        await using var app = IdCloudApp.Start(
            _emulator.CreateServiceAccount(),
            configure: options =>
            {
                if (fault == InjectedFault.DelayBeyondAttemptTimeout)
                {
                    // The token request has its own timeout; the API call only waits for it (within its attempt).
                    options.Token.TokenRequestTimeout = TimeSpan.FromSeconds(1);
                }
            });
        _emulator.InjectFault(EmulatorRoute.Token, FaultMatrix.ToEmulated(fault));

        var created = await app.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdLive, People.Cpf(40)));

        Assert.Equal(ProcessState.Created, created.State);
        Assert.Equal(2, _emulator.TokenRequestCount); // the failed one and one retry, with a new assertion (a replay would be refused)
        Assert.Equal(1, _emulator.ProcessCreationCount);
        Assert.Single(await FaultMatrix.SettledStatusesOf(_emulator, EmulatorRoute.CreateProcess, 1));
    }
}
