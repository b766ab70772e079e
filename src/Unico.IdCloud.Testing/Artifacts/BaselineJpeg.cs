namespace Unico.IdCloud.Testing;

/// <summary>
/// A tiny baseline (SOF0) grayscale JPEG encoder for images made of flat 8×8 blocks. A flat block has only a DC
/// coefficient, so no DCT is needed: with a quantisation table of ones the DC value is <c>8 × (level − 128)</c>
/// (ITU T.81 A.3.3), and every block's AC part is a single end-of-block code. The result is an ordinary JPEG any
/// decoder reads, small enough to build on the fly and without any image library.
/// </summary>
internal static class BaselineJpeg
{
    // ITU T.81 Annex K.3, table K.3: the typical luminance DC code lengths (categories 0-11).
    private static readonly byte[] DcCodeLengthCounts = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] DcSymbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    // Our AC table needs one symbol only: 0x00, end of block, coded as the single bit "0".
    private static readonly byte[] AcCodeLengthCounts = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] AcSymbols = [0x00];

    /// <summary>Encodes a grayscale image of <paramref name="blocksWide"/> × <paramref name="blocksHigh"/> flat 8×8 blocks.</summary>
    /// <param name="blocksWide">Blocks per row.</param>
    /// <param name="blocksHigh">Block rows.</param>
    /// <param name="level">The gray level (0 black … 255 white) of the block at (column, row).</param>
    /// <param name="comment">Text stored in a COM segment.</param>
    public static byte[] EncodeBlocks(int blocksWide, int blocksHigh, Func<int, int, byte> level, string comment)
    {
        var output = new MemoryStream();
        WriteMarker(output, 0xD8); // SOI

        // APP0 JFIF 1.01, no density units, 1:1, no thumbnail.
        WriteSegment(output, 0xE0, [(byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

        var commentBytes = System.Text.Encoding.ASCII.GetBytes(comment);
        WriteSegment(output, 0xFE, commentBytes);

        // DQT: table 0, 8-bit precision, all ones.
        var dqt = new byte[65];
        Array.Fill(dqt, (byte)1);
        dqt[0] = 0x00;
        WriteSegment(output, 0xDB, dqt);

        // SOF0: 8-bit samples, height, width, one component (id 1, no subsampling, quant table 0).
        var width = blocksWide * 8;
        var height = blocksHigh * 8;
        WriteSegment(output, 0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);

        WriteSegment(output, 0xC4, [0x00, .. DcCodeLengthCounts, .. DcSymbols]); // DHT class 0 (DC), id 0
        WriteSegment(output, 0xC4, [0x10, .. AcCodeLengthCounts, .. AcSymbols]); // DHT class 1 (AC), id 0

        // SOS: one component, DC table 0 / AC table 0, spectral selection 0-63, no approximation.
        WriteSegment(output, 0xDA, [1, 1, 0x00, 0, 63, 0]);

        var dcCodes = BuildCodes(DcCodeLengthCounts, DcSymbols);
        var endOfBlock = BuildCodes(AcCodeLengthCounts, AcSymbols)[0x00];
        var bits = new EntropyWriter(output);
        var previousDc = 0;
        for (var row = 0; row < blocksHigh; row++)
        {
            for (var column = 0; column < blocksWide; column++)
            {
                var dc = 8 * (level(column, row) - 128);
                var difference = dc - previousDc;
                previousDc = dc;
                var category = Category(difference);
                var (code, length) = dcCodes[category];
                bits.Write(code, length);
                if (category > 0)
                {
                    // Negative differences are sent as their one's complement in `category` bits (T.81 F.1.2.1).
                    var magnitude = difference >= 0 ? difference : difference + (1 << category) - 1;
                    bits.Write(magnitude, category);
                }

                bits.Write(endOfBlock.Code, endOfBlock.Length);
            }
        }

        bits.Flush();
        WriteMarker(output, 0xD9); // EOI
        return output.ToArray();
    }

    private static int Category(int value)
    {
        var magnitude = Math.Abs(value);
        var category = 0;
        while (magnitude > 0)
        {
            category++;
            magnitude >>= 1;
        }

        return category;
    }

    /// <summary>Canonical Huffman codes from code-length counts (T.81 Annex C).</summary>
    private static Dictionary<int, (int Code, int Length)> BuildCodes(byte[] lengthCounts, byte[] symbols)
    {
        var codes = new Dictionary<int, (int Code, int Length)>();
        var code = 0;
        var next = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var i = 0; i < lengthCounts[length - 1]; i++)
            {
                codes[symbols[next++]] = (code++, length);
            }

            code <<= 1;
        }

        return codes;
    }

    private static void WriteMarker(Stream output, byte marker)
    {
        output.WriteByte(0xFF);
        output.WriteByte(marker);
    }

    private static void WriteSegment(Stream output, byte marker, byte[] payload)
    {
        WriteMarker(output, marker);
        var length = payload.Length + 2;
        output.WriteByte((byte)(length >> 8));
        output.WriteByte((byte)length);
        output.Write(payload);
    }

    /// <summary>Writes entropy-coded bits MSB first, stuffing a zero byte after every 0xFF (T.81 F.1.2.3).</summary>
    private sealed class EntropyWriter(Stream output)
    {
        private int _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            for (var bit = length - 1; bit >= 0; bit--)
            {
                _buffer = (_buffer << 1) | ((value >> bit) & 1);
                _count++;
                if (_count == 8)
                {
                    Emit();
                }
            }
        }

        /// <summary>Pads the last byte with one-bits.</summary>
        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)_buffer);
            if (_buffer == 0xFF)
            {
                output.WriteByte(0x00);
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
