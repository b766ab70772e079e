using System.Net;
using System.Text;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// Where the vendor's reference is silent the emulator is lenient; docs/emulator.md ("Choices where the reference is
/// silent") lists these so users know IDCloud may be stricter. The tests pin them: changing one is a documented change.
/// </summary>
public sealed class LeniencyTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Fact]
    public async Task An_assertion_issued_an_hour_in_the_future_with_any_scope_and_an_extra_form_field_is_accepted()
    {
        var assertion = Assertion.For(Account, Emulator.Audience, Clock.GetUtcNow().AddHours(1));
        assertion.Claims["scope"] = "anything at all";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = EmulatorHttp.JwtBearer,
            ["assertion"] = assertion.Sign(Account.PrivateKeyPem),
            ["client_id"] = "not-asked-for",
        });

        using var response = await Http.PostAsync(new Uri(Emulator.IdentityBaseAddress, "/oauth2/token"), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_upper_case_process_id_finds_the_process()
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("idlive"))).GetProperty("id").GetString()!;

        var process = await GetProcessAsync(token, id.ToUpperInvariant());

        Assert.Equal(id, process.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_30_MiB_create_body_without_a_json_content_type_is_accepted()
    {
        var token = await TokenAsync();
        var body = EmulatorHttp.CreateBody("idlive", extra: ", \"padding\": \"" + new string('x', 30 * 1024 * 1024) + "\"");
        using var request = EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, "{}");
        request.Content = new StringContent(body, Encoding.UTF8, "text/plain");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
