using Microsoft.Extensions.Logging;

namespace SshKeep.Tests.Health;

/// <summary>An in-memory logger that records every call (all levels enabled).</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly object _gate = new();
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get { lock (_gate) return [.. _entries]; }
    }

    /// <summary>The event ids in order, for compact sequence assertions.</summary>
    public int[] EventIds => [.. Entries.Select(e => e.EventId)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        lock (_gate) _entries.Add(new LogEntry(eventId.Id, logLevel, formatter(state, exception)));
    }
}
