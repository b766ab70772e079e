using System.Diagnostics;
using System.Globalization;

namespace Unico.IdCloud.Cli.Output;

/// <summary>
/// A live "still working" line on standard error while a long call runs: redrawn in place once a second on a
/// terminal, one line every ten seconds when redirected (CI logs stay short).
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    private readonly CliConsole _console;
    private readonly Func<string> _describe;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    public ProgressLine(CliConsole console, Func<string> describe)
    {
        _console = console;
        _describe = describe;
        _loop = RunAsync();
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    private async Task RunAsync()
    {
        // Say at once what is going on, then keep the line alive.
        await _console.Error.WriteLineAsync(_describe()).ConfigureAwait(false);
        var period = _console.Interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"{_describe()} {(int)_clock.Elapsed.TotalSeconds} s");
                if (_console.Interactive)
                {
                    await _console.Error.WriteAsync("\r" + text.PadRight(72)).ConfigureAwait(false);
                }
                else
                {
                    await _console.Error.WriteLineAsync(text).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the work finished.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_console.Interactive)
        {
            await _console.Error.WriteAsync("\r" + new string(' ', 80) + "\r").ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
