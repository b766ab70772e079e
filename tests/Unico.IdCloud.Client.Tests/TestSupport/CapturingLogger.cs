using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Client.Tests.TestSupport;

/// <summary>
/// An <see cref="ILogger"/> that keeps every entry: the formatted message, the structured values and the exception,
/// so tests can assert what was logged and, above all, what was not (secrets, personal data).
/// </summary>
public class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>One captured log call.</summary>
    /// <param name="Level">The level.</param>
    /// <param name="EventId">The event id.</param>
    /// <param name="Message">The formatted message.</param>
    /// <param name="Values">The structured values as <c>key=value</c> pairs.</param>
    /// <param name="Exception">The exception passed to the logger, if any.</param>
    public sealed record Entry(LogLevel Level, EventId EventId, string Message, IReadOnlyList<string> Values, Exception? Exception);

    /// <summary>Every entry so far, in order.</summary>
    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    /// <summary>Every message, structured value and exception (with inner exceptions) as one text to search.</summary>
    public string AllText
    {
        get
        {
            var text = new StringBuilder();
            foreach (var entry in _entries)
            {
                text.AppendLine(entry.Message);
                entry.Values.ToList().ForEach(v => text.AppendLine(v));
                if (entry.Exception is not null)
                {
                    text.AppendLine(entry.Exception.ToString());
                }
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => $"{p.Key}={p.Value}").ToList()
            : [];
        _entries.Enqueue(new Entry(logLevel, eventId, formatter(state, exception), values, exception));
    }
}

/// <summary>A <see cref="CapturingLogger"/> usable where an <see cref="ILogger{TCategoryName}"/> is required.</summary>
/// <typeparam name="T">The category type.</typeparam>
public sealed class CapturingLogger<T> : CapturingLogger, ILogger<T>
{
}
