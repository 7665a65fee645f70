using Microsoft.Extensions.Logging;

namespace SshKeep.Tests.Fakes;

/// <summary>An ILogger that keeps every line (event id, level, text) for assertions; all levels enabled.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get { lock (_gate) return [.. _entries]; }
    }

    public int[] EventIds => [.. Entries.Select(e => e.EventId)];

    public IReadOnlyList<string> Texts => [.. Entries.Select(e => e.Message)];

    /// <summary>Info and error lines only: what autossh writes at its default level 6.</summary>
    public IReadOnlyList<string> InfoTexts => [.. Entries.Where(e => e.Level >= LogLevel.Information).Select(e => e.Message)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        lock (_gate) _entries.Add(new LogEntry(eventId.Id, logLevel, formatter(state, exception)));
    }
}
