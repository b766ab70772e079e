using System.Net;
using System.Text.Json.Nodes;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// Documented behaviours the emulator produces by default (issue 15), each quoting the vendor's reference
/// (../shared/seeds/unico-by-unico-api-pt-br.txt): per-account selfie and evidence-set permissions, and bioTokenId
/// naming a completed process. The body-less 404 and the JSON 401 are in ProcessApiTests, ArtifactTests and
/// BearerTokenTests; the other documented forms in <see cref="AlternateFormTests"/>.
/// </summary>
public sealed class FidelityTests(EmulatorFixture fixture) : FidelityTests<EmulatorFixture>(fixture);

/// <summary>The same tests against the in-memory emulator (no sockets): the behaviour must not differ.</summary>
public sealed class InMemoryFidelityTests(InMemoryFixture fixture) : FidelityTests<InMemoryFixture>(fixture);

/// <summary>The tests, for either mode.</summary>
/// <typeparam name="TFixture">Starts the emulator over sockets or in memory.</typeparam>
public abstract class FidelityTests<TFixture>(TFixture fixture) : EmulatorTest<TFixture>(fixture)
    where TFixture : EmulatorFixture
{
    [Theory]
    [InlineData(EmulatedPermissions.None, "selfie")]
    [InlineData(EmulatedPermissions.None, "evidenceset")]
    [InlineData(EmulatedPermissions.EvidenceSet, "selfie")]
    [InlineData(EmulatedPermissions.Selfie, "evidenceset")]
    public async Task An_account_without_the_permission_gets_403_code_7(EmulatedPermissions permissions, string artifact)
    {
        // GetSelfie: "403 / Quando a conta de serviço não possui a permissão para obter a selfie." and the error table
        // "7 / no permission"; GetEvidenceSet's error table lists the same code 7.
        var account = Emulator.CreateServiceAccount(tenantId: Emulator.TenantId, permissions: permissions);
        var token = await AccountTokenAsync(account);
        var id = await FinishedProcessAsync(token);

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, $"/client/v1/process/{id}/{artifact}", token));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("7", "no permission"), await EmulatorHttp.ReadApiErrorAsync(response));
    }

    [Theory]
    [InlineData(EmulatedPermissions.Selfie, "selfie")]
    [InlineData(EmulatedPermissions.EvidenceSet, "evidenceset")]
    public async Task An_account_with_the_permission_gets_the_file(EmulatedPermissions permissions, string artifact)
    {
        var account = Emulator.CreateServiceAccount(permissions: permissions);
        var token = await AccountTokenAsync(account);
        var id = await FinishedProcessAsync(token);

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, $"/client/v1/process/{id}/{artifact}", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(permissions, account.Permissions);
    }

    [Fact]
    public void Accounts_get_every_permission_unless_told_otherwise()
    {
        Assert.Equal(EmulatedPermissions.All, Account.Permissions);
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.CreateServiceAccount(permissions: (EmulatedPermissions)8));
    }

    [Fact]
    public async Task A_bio_token_id_must_name_a_completed_process()
    {
        // CreateProcess field table: "bioTokenId ... Obrigatório para o flow "idtoken" e deve-se utilizar um id de um
        // processo concluído de qualquer outro flow de verificação de identidade."
        var token = await TokenAsync();
        var open = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idlive"))).GetProperty("id").GetString()!;
        var expired = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idlive"))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(expired, EmulatedOutcome.Expired);
        var completed = await FinishedProcessAsync(token);
        var strangerToken = await AccountTokenAsync(Emulator.CreateServiceAccount(tenantId: "another-company"));
        var strangers = await FinishedProcessAsync(strangerToken);

        foreach (var refused in new[] { Guid.NewGuid().ToString(), open, expired, strangers })
        {
            using var response = await CreateIdTokenAsync(token, refused);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(
                ("3", $"invalid bioTokenId: {refused} is not the id of a completed identity verification process"),
                await EmulatorHttp.ReadApiErrorAsync(response));
        }

        using var accepted = await CreateIdTokenAsync(token, completed);
        var process = await EmulatorHttp.ReadProcessAsync(accepted);
        Assert.Equal("idtoken", process.GetProperty("flow").GetString());
        Assert.Equal(5, Emulator.ProcessCreationCount); // open, expired, completed, the stranger's, the accepted one: refusals create nothing
    }

    private async Task<HttpResponseMessage> CreateIdTokenAsync(string token, string bioTokenId)
    {
        var body = JsonNode.Parse(EmulatorHttp.CreateBody("idtoken"))!.AsObject();
        body.Remove("payload");
        body["bioTokenId"] = bioTokenId;
        return await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, body.ToJsonString()));
    }

    private Task<string> AccountTokenAsync(EmulatedServiceAccount account)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        return EmulatorHttp.GetAccessTokenAsync(Http, Emulator, account, Clock.GetUtcNow());
    }

    private async Task<string> FinishedProcessAsync(string token)
    {
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(id, EmulatedOutcome.Approved);
        return id;
    }
}
