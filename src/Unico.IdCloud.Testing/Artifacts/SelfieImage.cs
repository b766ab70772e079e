namespace Unico.IdCloud.Testing;

/// <summary>The emulator's "watermarked selfie": a blocky face drawn as a real JPEG.</summary>
internal static class SelfieImage
{
    public const int BlocksWide = 16;
    public const int BlocksHigh = 16;

    /// <summary>128×128 pixels, baseline grayscale JPEG.</summary>
    public static byte[] Create() =>
        BaselineJpeg.EncodeBlocks(BlocksWide, BlocksHigh, Level, "Unico.IdCloud.Testing emulated selfie (watermarked)");

    private static byte Level(int column, int row)
    {
        var dx = column - 7.5;
        var dy = row - 7.5;
        var inFace = (dx * dx) + (dy * dy) <= 36;
        int level;
        if (row <= 3 && inFace)
        {
            level = 60; // hair
        }
        else if (row == 6 && column is 5 or 10)
        {
            level = 30; // eyes
        }
        else if (row == 10 && column is >= 6 and <= 9)
        {
            level = 80; // mouth
        }
        else
        {
            level = inFace ? 170 : 225;
        }

        // The "marca d'água": a diagonal band of lighter blocks across the picture.
        if ((column + row) % 6 == 0)
        {
            level = Math.Min(255, level + 25);
        }

        return (byte)level;
    }
}
