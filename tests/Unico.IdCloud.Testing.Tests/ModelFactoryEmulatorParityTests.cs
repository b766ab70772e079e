using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// A process built by <see cref="IdCloudModelFactory"/> reads like the emulator's process finished with the same
/// outcome and flow (its GetProcess answer over a socket, read by the same SDK deserializer): a unit test with the
/// factory and an integration test with the emulator see the same verdict and values.
/// </summary>
public sealed class ModelFactoryEmulatorParityTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    public static TheoryData<EmulatedOutcome, string> Cases()
    {
        var cases = new TheoryData<EmulatedOutcome, string>();
        foreach (var outcome in Enum.GetValues<EmulatedOutcome>())
        {
            cases.Add(outcome, "idtrustdocssign"); // behaviour alert, documents and signature
            cases.Add(outcome, "idcheck"); // the risk score
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_factory_and_the_emulator_agree(EmulatedOutcome outcome, string flow)
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody(flow))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(id, outcome);
        var emulated = IdCloudModelFactory.ProcessFromJson((await GetProcessAsync(token, id)).GetRawText());

        var built = IdCloudModelFactory.Process(outcome, new Flow(flow));

        Assert.Equal(emulated.Interpret().Outcome, built.Interpret().Outcome);
        Assert.Equal(emulated.Interpret().Reasons, built.Interpret().Reasons);
        Assert.Equal(emulated.State, built.State);
        Assert.Equal(emulated.Result, built.Result);
        Assert.Equal(emulated.Capacities!.Select(c => c.Value), built.Capacities!.Select(c => c.Value));
        Assert.Equal(emulated.AuthenticationInfo?.AuthenticationResult, built.AuthenticationInfo?.AuthenticationResult);
        Assert.Equal(emulated.AuthenticationInfo?.LivenessResult, built.AuthenticationInfo?.LivenessResult);
        Assert.Equal(emulated.AuthenticationInfo?.IdentityFraudstersResult, built.AuthenticationInfo?.IdentityFraudstersResult);
        Assert.Equal(emulated.AuthenticationInfo?.Score, built.AuthenticationInfo?.Score);
        Assert.Equal(HasEnvelope(emulated), HasEnvelope(built));
        Assert.Equal(DocumentCodes(emulated), DocumentCodes(built));
    }

    private static IEnumerable<string> DocumentCodes(IdCloudProcess process) =>
        process.Services?.SelectMany(s => s.Documents ?? []).Select(d => d.Doc?.Code?.Value ?? "?") ?? [];

    private static bool HasEnvelope(IdCloudProcess process) => process.Services?.Any(s => s.EnvelopeId is not null) ?? false;
}
