using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// The caller cancels a creation after its request has left. Mostly: after a 200 has arrived but before its body has
/// been read. The server has answered, so a creation
/// has happened: for CreateProcess the caller must get <see cref="IdCloudOperationCanceledException"/> with the
/// clientReference (docs/errors.md), never a plain cancellation that reads as "nothing was created". A clean-clone CI run
/// found a process created silently this way (<c>CreateProcessCancellationTests</c>, one trial in 30 under load).
/// Real sockets: the server sends the status line and half of the body, then waits.
/// </summary>
public sealed class CancelledAfterSendingTests
{
    private const string ProcessId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private static readonly byte[] ProcessBody = Encoding.UTF8.GetBytes(
        $$$"""{"process":{"id":"{{{ProcessId}}}","state":"PROCESS_STATE_CREATED","userRedirectUrl":"https://cadastro.unico.app/process/{{{ProcessId}}}"}}""");

    [Fact]
    public async Task CreateProcess_CancelledWhileTheSuccessBodyArrives_IsTheMayHaveBeenProcessedSignalWithTheClientReference()
    {
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = HalfAnAnswer(ProcessBody, halfSent);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });
        using var cancellation = new CancellationTokenSource();

        var call = app.GetRequiredService<IIdCloudProcessClient>().CreateProcessAsync(Request("order-4711"), cancellation.Token);
        await halfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var signal = await Assert.ThrowsAsync<IdCloudOperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(signal.RequestMayHaveBeenProcessed);
        Assert.Equal("order-4711", signal.ClientReference);
        Assert.Equal(cancellation.Token, signal.CancellationToken);
        Assert.Contains("clientReference", signal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetProcessDocument_CancelledWhileTheSuccessBodyArrives_IsTheMayHaveBeenProcessedSignal()
    {
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = Encoding.UTF8.GetBytes($$$$"""{"process":{"id":"{{{{ProcessId}}}}","person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}}}""");
        await using var server = HalfAnAnswer(body, halfSent);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });
        using var cancellation = new CancellationTokenSource();

        var call = app.GetRequiredService<IIdCloudProcessClient>().SetProcessDocumentAsync(ProcessId, Cpf.Parse("73689290074"), cancellation.Token);
        await halfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var signal = await Assert.ThrowsAsync<IdCloudOperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(signal.RequestMayHaveBeenProcessed);
        Assert.Equal(cancellation.Token, signal.CancellationToken);
    }

    [Fact]
    public async Task ByClientCreateProcess_CancelledWhileTheSuccessBodyArrives_IsTheMayHaveBeenProcessedSignalWithTheClientReference()
    {
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = """{"id":"8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11","status":3,"unicoId":{"result":"yes"}}"""u8.ToArray();
        await using var server = HalfAnAnswer(body, halfSent);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });
        using var cancellation = new CancellationTokenSource();
        var request = ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "73689290074", Name = "Fulano de Tal", ClientReference = "capture-17" }, "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl");

        var call = app.GetRequiredService<IIdCloudByClient>().CreateProcessAsync(request, cancellation.Token);
        await halfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var signal = await Assert.ThrowsAsync<IdCloudOperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(signal.RequestMayHaveBeenProcessed);
        Assert.Equal("capture-17", signal.ClientReference);
        Assert.Equal(cancellation.Token, signal.CancellationToken);
    }

    [Fact]
    public async Task ByClientCreateProcess_CancelledWhileWaitingForTheAnswer_IsTheMayHaveBeenProcessedSignalWithTheClientReference()
    {
        // The by Client pipeline used to record nothing when it handed the request over, so this was a plain
        // cancellation although the capture had reached the server.
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawHttpServer(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });
        using var cancellation = new CancellationTokenSource();
        var request = ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "73689290074", Name = "Fulano de Tal", ClientReference = "capture-18" }, "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl");

        var call = app.GetRequiredService<IIdCloudByClient>().CreateProcessAsync(request, cancellation.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var signal = await Assert.ThrowsAsync<IdCloudOperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(signal.RequestMayHaveBeenProcessed);
        Assert.Equal("capture-18", signal.ClientReference);
        Assert.Equal(cancellation.Token, signal.CancellationToken);
    }

    [Fact]
    public async Task ByClientVerifyData_CancelledWhileTheSuccessBodyArrives_IsTheMayHaveBeenProcessedSignal()
    {
        // Nothing is created, but the vendor may bill every call: the caller learns that this one may have counted.
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = """{"id":"41c24382-36ce-4bb4-8339-352114f71f78","status":3,"lists":{"basicData":{"name":"JOAO DA SILVA"}}}"""u8.ToArray();
        await using var server = HalfAnAnswer(body, halfSent);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });
        using var cancellation = new CancellationTokenSource();

        var call = app.GetRequiredService<IIdCloudByClient>().VerifyDataAsync("73689290074", cancellation.Token);
        await halfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var signal = await Assert.ThrowsAsync<IdCloudOperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(signal.RequestMayHaveBeenProcessed);
        Assert.Equal("ByClientVerifyData", signal.Operation);
        Assert.Equal(cancellation.Token, signal.CancellationToken);
        Assert.Contains("billed", signal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProcess_CancelledWhileTheSuccessBodyArrives_IsAPlainCancellation()
    {
        // A read changes nothing on the server: there is nothing to reconcile, so no signal.
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = HalfAnAnswer(ProcessBody, halfSent);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });
        using var cancellation = new CancellationTokenSource();

        var call = app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId, cancellation.Token);
        await halfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.IsNotType<IdCloudOperationCanceledException>(cancelled);
        Assert.Equal(cancellation.Token, cancelled.CancellationToken);
    }

    /// <summary>Reads the request, sends 200 with the full length announced and half of <paramref name="body"/>, then waits.</summary>
    private static RawHttpServer HalfAnAnswer(byte[] body, TaskCompletionSource halfSent) =>
        new(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await RawHttpServer.WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: {body.Length}\n", ct);
            await stream.WriteAsync(body.AsMemory(0, body.Length / 2), ct);
            await stream.FlushAsync(ct);
            halfSent.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });

    private static CreateProcessRequest Request(string clientReference) => new()
    {
        CallbackUri = "/",
        Flow = Flow.Id,
        Purpose = Purpose.CreditProcess,
        ClientReference = clientReference,
        Person = new ProcessPerson { Cpf = Cpf.Parse("73689290074") },
    };
}
