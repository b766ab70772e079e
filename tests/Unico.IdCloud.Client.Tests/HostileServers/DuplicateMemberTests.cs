using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.HostileServers;

/// <summary>
/// A 200 whose JSON names a member twice is ambiguous: System.Text.Json kept the last one, so a second
/// <c>"unicoId":{"result":"yes"}</c> after a "no" (or <c>"Status":3</c> after <c>"status":1</c>, names being
/// case-insensitive on the by Client API) read as an approval, and a second <c>"process"</c> replaced the first.
/// Such an answer is now unreadable (InvalidResponse) instead of deciding anything.
/// </summary>
public sealed class DuplicateMemberTests
{
    private const string ByClientId = "8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11";
    private const string ProcessId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    [Theory]
    [InlineData("""{"id":"8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11","status":3,"unicoId":{"result":"no"},"unicoId":{"result":"yes"}}""")]
    [InlineData("""{"id":"8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11","status":1,"Status":3,"unicoId":{"result":"yes"}}""")]
    [InlineData("""{"id":"8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11","status":3,"unicoId":{"result":"no","result":"yes"}}""")]
    public async Task ByClientGetProcess_WithADuplicatedMember_IsAnInvalidResponseNotAVerdict(string json)
    {
        await using var server = Serving(json);
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudByClient>().GetProcessAsync(ByClientId));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.False(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task ByClientCreateProcess_WithADuplicatedMember_IsAnUnknownOutcomeWithItsReference()
    {
        await using var server = Serving("""{"id":"8c7a7a2e-1f3b-4c55-9d0e-2b8f1d6a4c11","status":3,"unicoId":{"result":"no"},"unicoId":{"result":"yes"}}""");
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });
        var request = ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "73689290074", Name = "Fulano de Tal", ClientReference = "ref-dup" }, "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl");

        var error = await Assert.ThrowsAsync<IdCloudByClientException>(() => app.GetRequiredService<IIdCloudByClient>().CreateProcessAsync(request));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(ByClientErrorReason.OutcomeUnknown, error.Reason);
        Assert.Equal("ref-dup", error.ClientReference);
    }

    [Fact]
    public async Task GetProcess_WithADuplicatedState_IsAnInvalidResponse()
    {
        await using var server = Serving("""{"process":{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","state":"PROCESS_STATE_CREATED","state":"PROCESS_STATE_FINISHED"}}""");
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(ProcessId));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task SetProcessDocument_WithADuplicatedProcess_IsAnInvalidResponseThatMayHaveBeenProcessed()
    {
        await using var server = Serving("""{"process":{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6"},"process":{"id":"another"}}""");
        await using var app = HostileServerApp.Start(server.BaseAddress, _ => { });

        var error = await Assert.ThrowsAnyAsync<IdCloudException>(() => app.GetRequiredService<IIdCloudProcessClient>().SetProcessDocumentAsync(ProcessId, Cpf.Parse("73689290074")));

        Assert.Equal(IdCloudErrorKind.InvalidResponse, error.Kind);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal(1, server.RequestCount);
    }

    private static RawHttpServer Serving(string json) =>
        new(async (stream, head, ct) =>
        {
            await RawHttpServer.ReadBodyAsync(stream, head, ct);
            await RawHttpServer.WriteJsonAsync(stream, "200 OK", Encoding.UTF8.GetBytes(json), ct);
        });
}
