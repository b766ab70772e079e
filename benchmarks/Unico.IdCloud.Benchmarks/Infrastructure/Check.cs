namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>Set-up checks: a benchmark whose two sides do different work fails instead of printing a ratio.</summary>
internal static class Check
{
    public static void That(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark set-up check failed: " + what);
        }
    }
}
