using System.IO.Compression;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>
/// The decoder the SDK uses for gzip downloads it decodes itself: it must give back exactly the compressed bytes however
/// the network slices them, and fail, instead of ending quietly, when the stream was cut short.
/// </summary>
public sealed class GzipVerifyingStreamTests
{
    private static readonly byte[] Original = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31 % 251 < 40 ? i : 0)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(65_536)]
    public async Task Any_slicing_of_the_compressed_bytes_decodes_to_the_original_async(int slice)
    {
        await using var decoder = new IdCloudGzipVerifyingStream(new SlicedStream(Gzip(Original), slice));
        using var output = new MemoryStream();

        await decoder.CopyToAsync(output);

        Assert.Equal(Original, output.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public void Any_slicing_of_the_compressed_bytes_decodes_to_the_original_sync(int slice)
    {
        using var decoder = new IdCloudGzipVerifyingStream(new SlicedStream(Gzip(Original), slice));
        using var output = new MemoryStream();

        decoder.CopyTo(output);

        Assert.Equal(Original, output.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(5_000)]
    public async Task A_stream_cut_short_fails_instead_of_ending_quietly(int missing)
    {
        var gzip = Gzip(Original);
        await using var decoder = new IdCloudGzipVerifyingStream(new SlicedStream(gzip[..^missing], 3));

        await Assert.ThrowsAsync<InvalidDataException>(() => decoder.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task The_framework_decoder_really_ends_quietly_on_a_cut_stream()
    {
        // Guards the reason this type exists: if .NET starts failing here, the SDK's own check can go.
        var gzip = Gzip(Original);
        await using var framework = new GZipStream(new MemoryStream(gzip[..^5_000]), CompressionMode.Decompress);
        using var output = new MemoryStream();

        await framework.CopyToAsync(output);

        Assert.True(output.Length < Original.Length, $"{output.Length} bytes");
    }

    [Fact]
    public async Task An_empty_read_does_not_end_the_stream()
    {
        await using var decoder = new IdCloudGzipVerifyingStream(new MemoryStream(Gzip(Original)));

        Assert.Equal(0, await decoder.ReadAsync(Memory<byte>.Empty));
        using var output = new MemoryStream();
        await decoder.CopyToAsync(output);

        Assert.Equal(Original, output.ToArray());
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Returns at most <c>slice</c> bytes per read, as a network does.</summary>
    private sealed class SlicedStream(byte[] bytes, int slice) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, slice)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, slice));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, slice)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, slice), cancellationToken);
    }
}
