using System.Net;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>
/// The other documented (or gateway) forms, switched on through <see cref="IdCloudEmulatorOptions"/>: a plain-text
/// 401 with <c>WWW-Authenticate</c>, and 404s that carry their JSON bodies.
/// </summary>
public sealed class AlternateFormTests(AlternateFormTests.GatewayFixture fixture) : EmulatorTest<AlternateFormTests.GatewayFixture>(fixture)
{
    [Theory]
    [InlineData("/client/v1/process/")]
    [InlineData("/api/v1/service/file/")]
    public async Task The_gateway_form_of_401_is_plain_text_with_www_authenticate(string path)
    {
        var baseAddress = path.StartsWith("/api", StringComparison.Ordinal) ? Emulator.SignatureApiBaseAddress : Emulator.ProcessApiBaseAddress;

        using var response = await Http.SendAsync(EmulatorHttp.Get(baseAddress, path + Guid.NewGuid(), "not-a-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Jwt header is an invalid JSON", await response.Content.ReadAsStringAsync());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal("error=\"invalid_token\"", challenge.Parameter);
    }

    [Fact]
    public async Task The_gateway_form_says_when_the_token_expired()
    {
        var token = await TokenAsync();
        Clock.Advance(TimeSpan.FromHours(1));

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Jwt is expired", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/selfie")]
    [InlineData("/evidenceset")]
    public async Task With_bodies_an_unknown_process_is_a_404_with_code_5(string suffix)
    {
        // The error tables: "5 / error getting process: rpc error: code = NotFound desc = process not found".
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid() + suffix, token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(("5", "error getting process: rpc error: code = NotFound desc = process not found"), await EmulatorHttp.ReadApiErrorAsync(response));
    }

    public sealed class GatewayFixture : EmulatorFixture
    {
        protected override void Configure(IdCloudEmulatorOptions options)
        {
            options.UnauthorizedResponse = EmulatedUnauthorizedResponse.GatewayPlainText;
            options.NotFoundResponse = EmulatedNotFoundResponse.WithBody;
        }
    }
}

/// <summary><see cref="EmulatedNotFoundResponse.StatusOnly"/>: the signature API's 404s lose their bodies too.</summary>
public sealed class StatusOnlyNotFoundTests(StatusOnlyNotFoundTests.StatusOnlyFixture fixture) : EmulatorTest<StatusOnlyNotFoundTests.StatusOnlyFixture>(fixture)
{
    [Theory]
    [InlineData("/api/v1/service/file/")]
    [InlineData("/api/v1/service/evidence/")]
    public async Task Signature_reads_answer_a_bare_404(string path)
    {
        // Both signature endpoints' error lists also carry "apenas o código de status HTTP".
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.SignatureApiBaseAddress, path + Guid.NewGuid(), token));

        await EmulatorHttp.AssertBareNotFoundAsync(response);
    }

    [Fact]
    public async Task Process_reads_answer_a_bare_404()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + Guid.NewGuid(), token));

        await EmulatorHttp.AssertBareNotFoundAsync(response);
    }

    public sealed class StatusOnlyFixture : EmulatorFixture
    {
        protected override void Configure(IdCloudEmulatorOptions options) => options.NotFoundResponse = EmulatedNotFoundResponse.StatusOnly;
    }
}
