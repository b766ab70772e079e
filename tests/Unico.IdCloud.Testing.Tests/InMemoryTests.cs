using System.Net;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// The in-memory mode (<see cref="IdCloudEmulator.StartInMemoryAsync"/>): the same dispatcher and endpoints behind an
/// <see cref="HttpMessageHandler"/>, no sockets. Whole API test classes also run in this mode (the InMemory* classes).
/// </summary>
public sealed class InMemoryTests(InMemoryFixture fixture) : EmulatorTest<InMemoryFixture>(fixture)
{
    [Fact]
    public async Task A_journey_runs_without_sockets()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);

        var process = await GetProcessAsync(token, id);
        using var selfie = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, $"/client/v1/process/{id}/selfie", token));

        Assert.Equal("PROCESS_STATE_FINISHED", process.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, selfie.StatusCode);
        Assert.Equal(
            [(EmulatorListener.Identity, EmulatorRoute.Token), (EmulatorListener.Process, EmulatorRoute.CreateProcess), (EmulatorListener.Process, EmulatorRoute.GetProcess), (EmulatorListener.Process, EmulatorRoute.GetSelfie)],
            Emulator.Requests.Select(r => (r.Listener, r.Route!.Value)));
        Assert.Equal("http://127.0.0.1:2", Emulator.ProcessApiBaseAddress.OriginalString);
    }

    [Fact]
    public async Task Each_address_still_serves_only_its_own_host()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_injected_abort_is_a_dropped_connection_as_over_sockets()
    {
        var token = await TokenAsync();
        Emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.Abort());

        var dropped = await Assert.ThrowsAsync<HttpRequestException>(() => Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token)));

        Assert.Contains("dropped the connection", dropped.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.GetProcess).StatusCode);
    }

    [Fact]
    public async Task A_body_over_64_MiB_is_refused_as_kestrel_does()
    {
        var token = await TokenAsync();
        using var request = EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, "{}");
        request.Content = new ByteArrayContent(new byte[(64 * 1024 * 1024) + 1]);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, Emulator.ProcessCreationCount);
    }

    [Fact]
    public async Task A_large_signed_document_streams_through_in_full()
    {
        Emulator.SignedDocumentSize = 5_000_000;
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idunicosign"))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);
        var documentId = (await GetProcessAsync(token, id)).GetProperty("services")[0].GetProperty("documentIds")[0].GetString()!;

        using var response = await Http.SendAsync(
            EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, "/api/v1/service/file/" + documentId, token),
            HttpCompletionOption.ResponseHeadersRead);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(5_000_000, response.Content.Headers.ContentLength);
        Assert.Equal(5_000_000, bytes.Length);
        Assert.True(bytes.AsSpan().StartsWith("%PDF-"u8));
    }

    [Fact]
    public async Task A_socket_emulator_hands_out_a_socket_handler()
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        using var handler = emulator.CreateHandler();

        Assert.IsType<SocketsHttpHandler>(handler);
    }
}

/// <summary>The shared emulator, started in memory.</summary>
public sealed class InMemoryFixture : EmulatorFixture
{
    public override bool InMemory => true;
}
