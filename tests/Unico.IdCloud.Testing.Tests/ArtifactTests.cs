using System.Net;
using System.Text.Json;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>The selfie is a real JPEG and the evidence set a real PDF, proven by reading them back structurally.</summary>
public sealed class ArtifactTests(EmulatorFixture fixture) : ArtifactTests<EmulatorFixture>(fixture);

/// <summary>The same tests against the in-memory emulator (no sockets): the behaviour must not differ.</summary>
public sealed class InMemoryArtifactTests(InMemoryFixture fixture) : ArtifactTests<InMemoryFixture>(fixture);

/// <summary>The tests, for either mode.</summary>
/// <typeparam name="TFixture">Starts the emulator over sockets or in memory.</typeparam>
public abstract class ArtifactTests<TFixture>(TFixture fixture) : EmulatorTest<TFixture>(fixture)
    where TFixture : EmulatorFixture
{
    [Fact]
    public async Task The_selfie_of_a_finished_process_is_a_decodable_jpeg()
    {
        var (token, id) = await FinishedProcessAsync(EmulatedOutcome.Approved);

        var (bytes, contentType) = await GetFileAsync(token, id, "selfie");

        Assert.Equal("image/jpeg", contentType);
        Assert.True(bytes.Length > 100);
        Assert.True(bytes is [0xFF, 0xD8, 0xFF, ..] && bytes is [.., 0xFF, 0xD9]);
        var image = JpegProbe.Decode(bytes);
        Assert.Equal(128, image.Width);
        Assert.Equal(128, image.Height);
        Assert.Equal(256, image.BlockLevels.Count);
        Assert.True(image.BlockLevels.Distinct().Count() >= 4, "the picture should have content, not one flat gray");
        Assert.Contains("watermarked", image.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_evidence_set_of_a_finished_process_is_a_one_page_pdf_with_the_selfie()
    {
        var (token, id) = await FinishedProcessAsync(EmulatedOutcome.Approved);

        var (bytes, contentType) = await GetFileAsync(token, id, "evidenceset");

        Assert.Equal("x-pdf", contentType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
        var pdf = PdfStructure.Parse(bytes);
        Assert.Contains("Conjunto probatorio", pdf.PageContent, StringComparison.Ordinal);
        Assert.Contains(id, pdf.PageContent, StringComparison.Ordinal);
        Assert.Contains("/Im1 Do", pdf.PageContent, StringComparison.Ordinal);
        Assert.DoesNotContain("73689290074", pdf.PageContent, StringComparison.Ordinal); // the CPF is masked
        var embedded = pdf.ImageData();
        Assert.NotNull(embedded);
        JpegProbe.Decode(embedded);
    }

    [Theory]
    [InlineData("selfie")]
    [InlineData("evidenceset")]
    public async Task Artifacts_of_an_open_process_are_not_found(string artifact)
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, $"/client/v1/process/{id}/{artifact}", token));

        await EmulatorHttp.AssertBareNotFoundAsync(response);
    }

    [Fact]
    public async Task An_expired_process_has_no_selfie()
    {
        var (token, id) = await FinishedProcessAsync(EmulatedOutcome.Expired);

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, $"/client/v1/process/{id}/selfie", token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Artifacts_with_a_malformed_id_are_a_400()
    {
        var token = await TokenAsync();

        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/123/selfie", token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("3", "process id is invalid"), await EmulatorHttp.ReadApiErrorAsync(response));
    }

    private async Task<(string Token, string Id)> FinishedProcessAsync(EmulatedOutcome outcome)
    {
        var token = await TokenAsync();
        var id = (await CreateProcessAsync(token, EmulatorHttp.CreateBody("id"))).GetProperty("id").GetString()!;
        await Emulator.FinishProcessAsync(id, outcome);
        return (token, id);
    }

    private async Task<(byte[] Bytes, string ContentType)> GetFileAsync(string token, string id, string artifact)
    {
        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, $"/client/v1/process/{id}/{artifact}", token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (Convert.FromBase64String(json.RootElement.GetProperty("fileContents").GetString()!), json.RootElement.GetProperty("contentType").GetString()!);
    }
}
