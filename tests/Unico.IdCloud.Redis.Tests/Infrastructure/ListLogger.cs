using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Redis.Tests.Infrastructure;

/// <summary>Keeps every log entry of an instance (all categories), so tests can assert what was, and was not, logged.</summary>
public sealed class ListLogger : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Message, string? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Message, string? Exception)> Entries => _entries.ToArray();

    public string AllText
    {
        get
        {
            var text = new StringBuilder();
            foreach (var entry in _entries)
            {
                text.AppendLine(entry.Message).AppendLine(entry.Exception);
            }

            return text.ToString();
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLogger owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._entries.Enqueue((logLevel, eventId.Id, formatter(state, exception) + " " + values, exception?.ToString()));
        }
    }
}
