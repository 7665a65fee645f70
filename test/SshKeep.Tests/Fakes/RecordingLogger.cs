using Microsoft.Extensions.Logging;

namespace SshKeep.Tests.Fakes;

/// <summary>An ILogger that keeps every line (event id, level, text) for assertions; all levels enabled.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiting = [];

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
        var entry = new LogEntry(eventId.Id, logLevel, formatter(state, exception));
        List<TaskCompletionSource<string>> found;
        lock (_gate)
        {
            _entries.Add(entry);
            found = [.. _waiting.Where(w => w.Match(entry.Message)).Select(w => w.Found)];
            _waiting.RemoveAll(w => found.Contains(w.Found));
        }
        foreach (var waiter in found) waiter.TrySetResult(entry.Message);
    }

    /// <summary>Completes with the first line, logged already or later, that matches.</summary>
    public Task<string> LoggedAsync(Func<string, bool> match)
    {
        lock (_gate)
        {
            if (_entries.FirstOrDefault(e => match(e.Message)) is { } logged) return Task.FromResult(logged.Message);
            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, found));
            return found.Task;
        }
    }
}
