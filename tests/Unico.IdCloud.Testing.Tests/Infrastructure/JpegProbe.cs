namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>
/// A from-the-spec reader for baseline (SOF0) single-component JPEGs: walks the segments, builds the Huffman tables the
/// file declares, and entropy-decodes every 8×8 block (DC and AC), failing on any inconsistency. Written apart from the
/// emulator's encoder, so a decodable result is real evidence.
/// </summary>
public static class JpegProbe
{
    public sealed record Result(int Width, int Height, IReadOnlyList<int> BlockLevels, string? Comment);

    public static Result Decode(byte[] jpeg)
    {
        Assert.True(jpeg is [0xFF, 0xD8, 0xFF, ..], "no SOI");
        Assert.True(jpeg is [.., 0xFF, 0xD9], "no EOI at the end");

        var quant = new Dictionary<int, int[]>();
        var dcTables = new Dictionary<int, Dictionary<(int, int), int>>();
        var acTables = new Dictionary<int, Dictionary<(int, int), int>>();
        int width = 0, height = 0, quantId = -1;
        string? comment = null;
        var position = 2;
        while (true)
        {
            Assert.Equal(0xFF, jpeg[position]);
            var marker = jpeg[position + 1];
            var length = (jpeg[position + 2] << 8) | jpeg[position + 3];
            var segment = jpeg.AsSpan(position + 4, length - 2);
            switch (marker)
            {
                case 0xDB:
                    Assert.Equal(0, segment[0] >> 4); // 8-bit table
                    quant[segment[0] & 0x0F] = [.. segment[1..65].ToArray().Select(b => (int)b)];
                    break;
                case 0xC0:
                    Assert.Equal(8, segment[0]);
                    height = (segment[1] << 8) | segment[2];
                    width = (segment[3] << 8) | segment[4];
                    Assert.Equal(1, segment[5]); // this probe reads grayscale only
                    quantId = segment[8];
                    break;
                case 0xC4:
                    ReadHuffmanTables(segment, dcTables, acTables);
                    break;
                case 0xFE:
                    comment = System.Text.Encoding.ASCII.GetString(segment);
                    break;
                case 0xDA:
                    Assert.Equal(1, segment[0]);
                    var levels = DecodeScan(jpeg, position + 2 + length, width, height, dcTables[segment[2] >> 4], acTables[segment[2] & 0x0F], quant[quantId][0]);
                    return new Result(width, height, levels, comment);
                default:
                    Assert.True(marker is >= 0xE0 and <= 0xEF, $"unexpected marker FF{marker:X2}");
                    break;
            }

            position += 2 + length;
        }
    }

    private static void ReadHuffmanTables(ReadOnlySpan<byte> segment, Dictionary<int, Dictionary<(int, int), int>> dc, Dictionary<int, Dictionary<(int, int), int>> ac)
    {
        var offset = 0;
        while (offset < segment.Length)
        {
            var tableClass = segment[offset] >> 4;
            var id = segment[offset] & 0x0F;
            var counts = segment.Slice(offset + 1, 16);
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            var symbols = segment.Slice(offset + 17, total);
            var table = new Dictionary<(int, int), int>();
            int code = 0, k = 0;
            for (var length = 1; length <= 16; length++)
            {
                for (var i = 0; i < counts[length - 1]; i++)
                {
                    table[(length, code++)] = symbols[k++];
                }

                code <<= 1;
            }

            (tableClass == 0 ? dc : ac)[id] = table;
            offset += 17 + total;
        }
    }

    private static List<int> DecodeScan(byte[] jpeg, int start, int width, int height, Dictionary<(int, int), int> dc, Dictionary<(int, int), int> ac, int dcQuant)
    {
        // Un-stuff the entropy-coded segment up to the next marker.
        var data = new List<byte>();
        var i = start;
        while (!(jpeg[i] == 0xFF && jpeg[i + 1] != 0x00))
        {
            data.Add(jpeg[i]);
            i += jpeg[i] == 0xFF ? 2 : 1;
        }

        Assert.Equal(jpeg.Length - 2, i); // only EOI follows the scan
        var bits = new BitReader(data);
        var blocks = ((width + 7) / 8) * ((height + 7) / 8);
        var levels = new List<int>(blocks);
        var predictor = 0;
        for (var block = 0; block < blocks; block++)
        {
            var category = bits.Decode(dc);
            predictor += Extend(bits.Read(category), category);
            for (var k = 1; k < 64;)
            {
                var symbol = bits.Decode(ac);
                if (symbol == 0x00)
                {
                    break; // end of block
                }

                var run = symbol >> 4;
                var size = symbol & 0x0F;
                k += run + 1;
                Assert.True(k <= 64, "AC coefficients run past the block");
                bits.Read(size);
            }

            levels.Add(Math.Clamp((predictor * dcQuant / 8) + 128, 0, 255));
        }

        Assert.True(bits.RemainingAreOnes(), "entropy data has leftovers that are not padding");
        return levels;
    }

    private static int Extend(int value, int category) =>
        category == 0 ? 0 : value < (1 << (category - 1)) ? value - (1 << category) + 1 : value;

    private sealed class BitReader(List<byte> data)
    {
        private int _bit;

        public int Read(int count)
        {
            var value = 0;
            for (var i = 0; i < count; i++)
            {
                Assert.True(_bit < data.Count * 8, "entropy data ended early");
                value = (value << 1) | ((data[_bit / 8] >> (7 - (_bit % 8))) & 1);
                _bit++;
            }

            return value;
        }

        public int Decode(Dictionary<(int, int), int> table)
        {
            var code = 0;
            for (var length = 1; length <= 16; length++)
            {
                code = (code << 1) | Read(1);
                if (table.TryGetValue((length, code), out var symbol))
                {
                    return symbol;
                }
            }

            Assert.Fail("no Huffman code matches");
            return -1;
        }

        public bool RemainingAreOnes()
        {
            var left = (data.Count * 8) - _bit;
            return left < 8 && (left == 0 || Read(left) == (1 << left) - 1);
        }
    }
}
