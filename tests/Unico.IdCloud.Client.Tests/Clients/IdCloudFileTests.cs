using System.Text;

namespace Unico.IdCloud.Client.Tests.Clients;

/// <summary>The downloaded-file types users hold: media types, saving, and what they reveal when printed.</summary>
public sealed class IdCloudFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "idcloud-file-tests-" + Guid.NewGuid().ToString("N"));

    public IdCloudFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("x-pdf", "application/pdf")]
    [InlineData("X-PDF", "application/pdf")]
    [InlineData(" x-pdf ", "application/pdf")]
    [InlineData("image/jpeg", "image/jpeg")]
    [InlineData("application/x-pdf", "application/x-pdf")]
    [InlineData("image/png; q=1", "image/png; q=1")]
    [InlineData("", "application/octet-stream")]
    [InlineData("  ", "application/octet-stream")]
    [InlineData(null, "application/octet-stream")]
    public void MediaTypesAreKeptExceptTheVendorsXPdf(string? given, string expected)
    {
        Assert.Equal(expected, new IdCloudFile(new byte[] { 1 }, given).ContentType);
    }

    [Fact]
    public async Task SaveToFileWritesTheBytesAndLeavesNothingElse()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.5 evidence");
        var path = Path.Combine(_directory, "evidence.pdf");

        await new IdCloudFile(bytes, "x-pdf").SaveToFileAsync(path);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task ACancelledSaveLeavesNoFile()
    {
        var path = Path.Combine(_directory, "selfie.jpg");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new IdCloudFile(new byte[] { 1, 2, 3 }, "image/jpeg").SaveToFileAsync(path, cancelled.Token));

        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void ToStringShowsTheMediaTypeAndSizeButNotTheContent()
    {
        var file = new IdCloudFile(Encoding.ASCII.GetBytes("SECRET-SELFIE"), "image/jpeg");

        Assert.Equal("IdCloudFile (image/jpeg, 13 bytes)", file.ToString());
    }

    [Fact]
    public async Task AStreamBuiltInCodeOwnsItsStreamAndStripsDirectoriesFromTheFileName()
    {
        var body = new RecordingStream(Encoding.ASCII.GetBytes("%PDF"));
        var download = new IdCloudFileStream(body, "x-pdf", 4, "../../etc/signed.pdf");

        Assert.Equal("application/pdf", download.ContentType);
        Assert.Equal("signed.pdf", download.FileName);
        Assert.Equal("IdCloudFileStream (application/pdf, 4 bytes)", download.ToString());

        download.Dispose();
        await download.DisposeAsync();
        Assert.True(body.Disposed);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("..", null)]
    [InlineData("a\\b\\c.pdf", "c.pdf")]
    [InlineData("\"quoted.pdf\"", "quoted.pdf")]
    [InlineData("dir/", null)]
    public void FileNamesKeepOnlyTheNamePart(string? given, string? expected)
    {
        using var download = new IdCloudFileStream(Stream.Null, fileName: given);

        Assert.Equal(expected, download.FileName);
    }
}
