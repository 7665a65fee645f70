using Microsoft.Extensions.Logging;

namespace SshKeep.Tests.Fakes;

/// <summary>An ILogger that keeps every line (level, event id, text) for assertions.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId Id, string Text)> _lines = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Text)> Lines { get { lock (_lines) return [.. _lines]; } }

    public IReadOnlyList<string> Texts => [.. Lines.Select(l => l.Text)];

    /// <summary>Info and error lines only: what autossh writes at its default level 6.</summary>
    public IReadOnlyList<string> InfoTexts => [.. Lines.Where(l => l.Level >= LogLevel.Information).Select(l => l.Text)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines) _lines.Add((logLevel, eventId, formatter(state, exception)));
    }
}
