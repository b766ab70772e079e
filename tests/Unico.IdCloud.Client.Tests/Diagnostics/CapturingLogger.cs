using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Client.Tests.Diagnostics;

/// <summary>One captured log event: its id, level, rendered message and structured values.</summary>
internal sealed record CapturedLog(LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)
{
    /// <summary>Everything an operator would see: the message and every structured value.</summary>
    public string AllText => Message + " | " + string.Join(" | ", State.Select(kv => kv.Key + "=" + kv.Value));
}

/// <summary>A logger (and provider) that keeps every event, at every level, for assertions.</summary>
internal sealed class CapturingLogger : ILogger, ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _events = new();

    public IReadOnlyList<CapturedLog> Events => _events.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        _events.Enqueue(new CapturedLog(logLevel, eventId, formatter(state, exception), values.ToArray()));
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}

/// <summary>Typed-logger adapter over <see cref="CapturingLogger"/>.</summary>
internal sealed class CapturingLogger<T>(CapturingLogger inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
