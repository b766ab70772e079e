using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Faults;

/// <summary>
/// Issue 14 risk: cancelling CreateProcess (a 20 MB PDF) at random points left 8–10 of 30 processes the caller never
/// learned of, with no "may have been processed" signal. Now a cancellation after the request may have left is an
/// <see cref="IdCloudOperationCanceledException"/> carrying the clientReference; a plain cancellation means nothing
/// was created.
/// </summary>
public sealed class CreateProcessCancellationTests : IClassFixture<EmulatorFixture>
{
    private const int Trials = 30;
    private readonly IdCloudEmulator _emulator;
    private readonly EmulatedServiceAccount _account;

    public CreateProcessCancellationTests(EmulatorFixture fixture)
    {
        _emulator = fixture.Emulator;
        _account = fixture.Account;
        _emulator.Reset();
    }

    [Fact]
    public async Task CreateProcess_CancelledAtRandomPoints_EveryCreatedProcessWasReturnedOrSignalledWithItsClientReference()
    {
        await using var app = IdCloudApp.Start(_account);
        var pdf = BigPdf(20 * 1024 * 1024);
        // The first call pays for the token, so later cancellations land on the HTTP exchange itself.
        await app.Processes.CreateProcessAsync(Request("warm-up", pdf));

        var random = new Random(20261201);
        var returned = new HashSet<string>(StringComparer.Ordinal) { "warm-up" };
        var signalled = new HashSet<string>(StringComparer.Ordinal);
        var plain = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Trials; i++)
        {
            var reference = $"cancel-{i}-{Guid.NewGuid():N}";
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(0, 400)));
            try
            {
                await app.Processes.CreateProcessAsync(Request(reference, pdf), cancellation.Token);
                returned.Add(reference);
            }
            catch (IdCloudOperationCanceledException signal)
            {
                Assert.Equal(reference, signal.ClientReference);
                Assert.True(signal.RequestMayHaveBeenProcessed);
                Assert.Equal(cancellation.Token, signal.CancellationToken);
                Assert.Contains("clientReference", signal.Message, StringComparison.Ordinal);
                signalled.Add(reference);
            }
            catch (OperationCanceledException)
            {
                plain.Add(reference);
            }
        }

        var created = await SettledCreationsAsync(app);

        // The property the issue asks for: no process exists whose caller got neither its id nor the signal.
        Assert.All(created, reference => Assert.True(returned.Contains(reference) || signalled.Contains(reference), $"{reference} was created silently"));
        Assert.All(plain, reference => Assert.DoesNotContain(reference, created));
        Assert.NotEmpty(signalled.Concat(plain));
    }

    private async Task<HashSet<string>> SettledCreationsAsync(IdCloudApp app)
    {
        // The emulator may finish a creation shortly after the client gave up: wait until the count stops moving.
        var last = -1;
        for (var i = 0; i < 40 && _emulator.ProcessCreationCount != last; i++)
        {
            last = _emulator.ProcessCreationCount;
            await Task.Delay(250);
        }

        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in _emulator.ProcessIds)
        {
            var process = await app.Processes.GetProcessAsync(id);
            references.Add(process.ClientReference ?? id);
        }

        return references;
    }

    private static CreateProcessRequest Request(string reference, byte[] pdf)
    {
        var request = ProcessRequests.For(Flow.IdUnicoSign, People.Cpf(70), clientReference: reference);
        request.Payload![0].Documents![0].FileContents = pdf;
        return request;
    }

    private static byte[] BigPdf(int size)
    {
        var pdf = new byte[size];
        Array.Fill(pdf, (byte)' ');
        ProcessRequests.ContractPdf.CopyTo(pdf, 0);
        return pdf;
    }
}
