using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Unico.IdCloud.Testing.Tests.Infrastructure;

namespace Unico.IdCloud.Testing.Tests;

/// <summary>The emulator's internal building blocks, tested directly.</summary>
public sealed class BuildingBlockTests
{
    [Theory]
    [InlineData(0L, "2023-10-09T15:15:25Z")]
    [InlineData(4_170_000L, "2023-10-09T15:15:25.417Z")]
    [InlineData(4_171_050L, "2023-10-09T15:15:25.417105Z")]
    [InlineData(4_171_053L, "2023-10-09T15:15:25.417105300Z")]
    public void Timestamps_use_protobufs_0_3_6_or_9_fraction_digits(long extraTicks, string expected)
    {
        var value = new DateTimeOffset(2023, 10, 9, 12, 15, 25, TimeSpan.FromHours(-3)).AddTicks(extraTicks);

        Assert.Equal(expected, WireTime.Format(value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2_000)]
    [InlineData(2_100)]
    [InlineData(9_999)]
    [InlineData(10_000)]
    [InlineData(123_457)]
    [InlineData(1_048_576)]
    public void Padded_pdfs_have_exactly_the_requested_size_and_a_valid_structure(long size)
    {
        var pdf = OnePagePdf.Create("Title", ["line one", "line (two) with \\ escapes"], null, 0, size);
        var bytes = pdf.ToArray();

        Assert.Equal(pdf.Length, bytes.Length);
        if (size > 2_000)
        {
            Assert.Equal(size, bytes.Length);
        }

        var structure = PdfStructure.Parse(bytes);
        Assert.Contains(@"(line \(two\) with \\ escapes) Tj", structure.PageContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_is_written_in_chunks_without_being_built_in_memory()
    {
        var pdf = OnePagePdf.Create("Large", [], null, 0, 64L * 1024 * 1024);
        var counter = new CountingStream();

        await pdf.WriteToAsync(counter, CancellationToken.None);

        Assert.Equal(64L * 1024 * 1024, counter.Length);
        Assert.True(counter.LargestWrite <= 64 * 1024, $"largest single write was {counter.LargestWrite} bytes");
    }

    [Fact]
    public void Non_ascii_text_prints_as_question_marks_instead_of_breaking_the_pdf()
    {
        Assert.Equal("(Jo?o \\(SP\\))", PdfFileBuilder.Literal("João (SP)"));
    }

    [Theory]
    [InlineData("eyJhbGciOiJSUzI1NiJ9", true)]
    [InlineData("eyJhbGciOiJSUzI1NiJ9=", false)] // padding is not base64url
    [InlineData("ab+/", false)] // the standard alphabet is not base64url
    [InlineData("a", false)]
    [InlineData("", true)]
    public void Base64url_decoding_is_strict(string text, bool valid)
    {
        Assert.Equal(valid, Base64Url.TryDecode(text, out _));
    }

    [Theory]
    [InlineData("73689290074", true)]
    [InlineData("12345678909", true)]
    [InlineData("00000000000", false)]
    [InlineData("73689290047", false)]
    [InlineData("7368929007a", false)]
    [InlineData(null, false)]
    public void Cpf_check_digits(string? cpf, bool valid)
    {
        Assert.Equal(valid, CpfCheckDigits.IsValid(cpf));
    }

    [Fact]
    public void The_selfie_decodes_with_an_independent_reader()
    {
        var jpeg = SelfieImage.Create();

        var image = JpegProbe.Decode(jpeg);

        Assert.Equal((128, 128), (image.Width, image.Height));
        Assert.Contains(30, image.BlockLevels); // the eyes are drawn black-ish
    }

    [Fact]
    public async Task An_emulator_bug_answers_500_with_a_message_that_says_so()
    {
        var options = new IdCloudEmulatorOptions();
        await using var parts = EmulatorComponents.Create(options, NullLogger.Instance, new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"));
        var dispatcher = new EmulatorDispatcher(identifyByHostPort: false, CancellationToken.None);
        dispatcher.Attach(parts, 1, 2, 3);
        var account = parts.Accounts.Create("svc", "tenant", EmulatedPermissions.All, new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"), new Uri("http://127.0.0.1:3"));
        var context = new DefaultHttpContext();
        context.Connection.LocalPort = 2;
        context.Request.Method = "POST";
        context.Request.Path = "/client/v1/process";
        context.Request.Headers.Authorization = "Bearer " + parts.AccessTokens.Issue(account, "*");
        context.Request.Body = new ExplodingStream();
        context.Response.Body = new MemoryStream();

        await dispatcher.HandleAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        var body = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains("\"code\":\"99999\"", body, StringComparison.Ordinal);
        Assert.Contains("IDCloud emulator bug: InvalidOperationException", body, StringComparison.Ordinal);
        Assert.Equal(500, Assert.Single(parts.Journal.Requests).StatusCode);
    }

    private sealed class ExplodingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("boom");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Count(count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count(buffer.Length);
            return ValueTask.CompletedTask;
        }

        private void Count(int count)
        {
            _length += count;
            LargestWrite = Math.Max(LargestWrite, count);
        }
    }
}
