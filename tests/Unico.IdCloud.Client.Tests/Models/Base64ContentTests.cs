using System.Buffers;
using System.Text;
using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.Models;

public class Base64ContentTests
{
    private static readonly ModelsTestJsonContext Context = ModelsTestJsonContext.Default;

    [Fact]
    public void Valid_base64_is_decoded_to_bytes_on_read_and_written_back()
    {
        var json = """{"fileContents":"SGVsbG8sIElEQ2xvdWQh","contentType":"x-pdf"}""";
        var holder = JsonSerializer.Deserialize(json, Context.FileHolder)!;
        var content = holder.FileContents!;

        Assert.True(content.IsValidBase64);
        Assert.True(content.TryGetBytes(out var bytes));
        Assert.Equal("Hello, IDCloud!", Encoding.UTF8.GetString(bytes.Span));
        Assert.Equal(15, content.DecodedLength);

        // Decoded straight from the JSON token: the content holds bytes, not the base64 text.
        Assert.Null(content.RawText);
        Assert.Equal(json, JsonSerializer.Serialize(holder, Context.FileHolder));
    }

    [Fact]
    public void Invalid_base64_from_the_vendor_examples_is_kept_verbatim()
    {
        var json = """{"fileContents":"JVBERi0x[...]Cg==","contentType":"x-pdf"}""";
        var holder = JsonSerializer.Deserialize(json, Context.FileHolder)!;
        var content = holder.FileContents!;

        Assert.False(content.IsValidBase64);
        Assert.False(content.TryGetBytes(out var bytes));
        Assert.True(bytes.IsEmpty);
        Assert.Null(content.DecodedLength);
        Assert.Equal("JVBERi0x[...]Cg==", content.RawText);
        var ex = Assert.Throws<FormatException>(() => content.GetBytes());
        Assert.Contains("not valid base64", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("JVBERi0x", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => content.OpenRead());

        Assert.Equal(json, JsonSerializer.Serialize(holder, Context.FileHolder));
    }

    [Theory]
    [InlineData("")]
    [InlineData("QQ==")]
    [InlineData("QUI=")]
    [InlineData("QUJD")]
    public void Padding_variants_decode_to_the_exact_length(string base64)
    {
        var content = JsonSerializer.Deserialize($"\"{base64}\"", Context.Base64Content)!;
        var expected = Convert.FromBase64String(base64);
        Assert.Equal(expected, content.GetBytes().ToArray());
        Assert.Equal(expected.Length, content.DecodedLength);
        Assert.Equal($"\"{base64}\"", JsonSerializer.Serialize(content, Context.Base64Content));
    }

    [Theory]
    [InlineData("QQ")] // missing padding
    [InlineData("Q===")]
    [InlineData("SGVsbG8-")] // base64url alphabet
    [InlineData("SGVsbG8_")]
    [InlineData("not base64 at all!")]
    public void Other_invalid_text_is_kept_and_written_back(string text)
    {
        var content = JsonSerializer.Deserialize($"\"{text}\"", Context.Base64Content)!;
        Assert.False(content.IsValidBase64);
        Assert.Equal(text, content.RawText);
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(content, Context.Base64Content));
    }

    [Fact]
    public void Escaped_json_text_is_unescaped_before_decoding()
    {
        // "\/" is a legal JSON escape for '/', which base64 uses; some serializers emit it.
        var content = JsonSerializer.Deserialize("\"\\/\\/\\/\\/\"", Context.Base64Content)!;
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF }, content.GetBytes().ToArray());
        Assert.Null(content.RawText);
        JsonAssert.Equivalent("\"////\"", JsonSerializer.Serialize(content, Context.Base64Content));
    }

    [Fact]
    public void Content_split_across_buffer_segments_is_decoded()
    {
        var bytes = RandomBytes(100_000, seed: 7);
        var json = Encoding.UTF8.GetBytes($"{{\"fileContents\":\"{Convert.ToBase64String(bytes)}\"}}");
        var reader = new Utf8JsonReader(Segmented(json, 4096));

        var holder = JsonSerializer.Deserialize(ref reader, Context.FileHolder)!;

        Assert.Equal(bytes, holder.FileContents!.GetBytes().ToArray());
        Assert.Null(holder.FileContents.RawText); // decoded while reading, not kept as text
    }

    [Fact]
    public void Line_breaks_inside_the_base64_text_are_tolerated()
    {
        var content = JsonSerializer.Deserialize("\"SGVs\\r\\nbG8=\"", Context.Base64Content)!;
        Assert.Equal("Hello", Encoding.UTF8.GetString(content.GetBytes().Span));
        Assert.Equal(5, content.DecodedLength);
    }

    [Fact]
    public void Large_content_round_trips_through_bytes()
    {
        var bytes = RandomBytes(3 * 1024 * 1024 + 1, seed: 42);
        var json = JsonSerializer.Serialize(new FileHolder { FileContents = Base64Content.FromBytes(bytes) }, Context.FileHolder);

        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal(bytes, document.RootElement.GetProperty("fileContents").GetBytesFromBase64());
        }

        var read = JsonSerializer.Deserialize(json, Context.FileHolder)!.FileContents!;
        Assert.Equal(bytes.Length, read.DecodedLength);
        Assert.True(read.GetBytes().Span.SequenceEqual(bytes));
        Assert.Equal(Base64Content.FromBytes(bytes), read);
    }

    [Fact]
    public void Bytes_are_written_as_standard_base64()
    {
        var bytes = RandomBytes(1000, seed: 3);
        var json = JsonSerializer.Serialize(Base64Content.FromBytes(bytes), Context.Base64Content);
        JsonAssert.Equivalent(JsonSerializer.Serialize(Convert.ToBase64String(bytes), ModelsTestJsonContextStrings.Default.String), json);
    }

    [Fact]
    public void Text_created_in_code_is_decoded_lazily_and_written_unchanged()
    {
        var content = Base64Content.FromBase64String("SGVs\nbG8=");
        Assert.Equal("Hello", Encoding.UTF8.GetString(content.GetBytes().Span));
        Assert.Equal(5, content.DecodedLength);
        Assert.Equal("SGVs\nbG8=", content.RawText);
        Assert.Equal("\"SGVs\\nbG8=\"", JsonSerializer.Serialize(content, Context.Base64Content));

        using var stream = content.OpenRead();
        using var streamReader = new StreamReader(stream);
        Assert.Equal("Hello", streamReader.ReadToEnd());
    }

    [Fact]
    public void Equal_content_compares_equal()
    {
        var hello = Encoding.UTF8.GetBytes("Hello");
        var fromBytes = Base64Content.FromBytes(hello);
        var fromText = Base64Content.FromBase64String("SGVsbG8=");
        var fromJson = JsonSerializer.Deserialize("\"SGVsbG8=\"", Context.Base64Content)!;

        Assert.Equal(fromBytes, fromText);
        Assert.Equal(fromBytes, fromJson);
        Assert.Equal(fromBytes.GetHashCode(), fromText.GetHashCode());
        Assert.Equal(fromBytes.GetHashCode(), fromJson.GetHashCode());
        Assert.NotEqual(fromBytes, Base64Content.FromBase64String("SGVsbA=="));
        Assert.NotEqual(fromBytes, Base64Content.FromBytes(Encoding.UTF8.GetBytes("Hellp")));

        Assert.Equal(Base64Content.FromBase64String("JVBERi0x[...]"), Base64Content.FromBase64String("JVBERi0x[...]"));
        Assert.NotEqual(Base64Content.FromBase64String("JVBERi0x[...]"), Base64Content.FromBase64String("JVBERi0y[...]"));
        Assert.NotEqual(Base64Content.FromBase64String("JVBERi0x[...]"), fromBytes);
        Assert.False(fromBytes.Equals(null));
    }

    [Fact]
    public void ToString_describes_the_size_never_the_content()
    {
        Assert.Equal("Base64Content (5 bytes)", Base64Content.FromBase64String("SGVsbG8=").ToString());
        Assert.Equal("Base64Content (12345 bytes)", Base64Content.FromBytes(new byte[12345]).ToString());
        var invalid = Base64Content.FromBase64String("JVBERi0x[...]Cg==");
        Assert.Equal("Base64Content (invalid base64, 17 characters)", invalid.ToString());
    }

    [Fact]
    public void Null_and_non_string_tokens()
    {
        var holder = JsonSerializer.Deserialize("""{"fileContents":null}""", Context.FileHolder)!;
        Assert.Null(holder.FileContents);

        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"fileContents":123}""", Context.FileHolder));
        Assert.Contains("base64", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Base64Content.FromBase64String(null!));
    }

    [Fact]
    public void FromBytes_wraps_the_memory_it_was_given()
    {
        var buffer = new byte[] { 1, 2, 3, 4, 5 };
        var content = Base64Content.FromBytes(buffer.AsMemory(1, 3));
        Assert.Equal(new byte[] { 2, 3, 4 }, content.GetBytes().ToArray());
        Assert.Equal("\"AgME\"", JsonSerializer.Serialize(content, Context.Base64Content));
        using var stream = content.OpenRead();
        Assert.Equal(3, stream.Length);
        Assert.Equal(2, stream.ReadByte());
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static ReadOnlySequence<byte> Segmented(byte[] data, int segmentLength)
    {
        Segment? first = null, last = null;
        for (var offset = 0; offset < data.Length; offset += segmentLength)
        {
            var memory = data.AsMemory(offset, Math.Min(segmentLength, data.Length - offset));
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
