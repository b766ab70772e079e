using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>
/// Keeps the running sample's warnings and errors (SDK and sample alike) so a failing browser step can say what the
/// server saw, instead of only that the browser waited too long.
/// </summary>
internal sealed class RecordedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>The warnings and errors so far, oldest first, one line each (with the exception's type and message).</summary>
    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var failure = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
            entries.Enqueue($"{logLevel} {category} ({eventId.Id}): {formatter(state, exception)}{failure}");
        }
    }
}
