namespace SshKeep.Logging;

/// <summary>One event as the daemon's formatters see it: <paramref name="Tunnel"/> is null for the daemon as
/// a whole, <paramref name="Message"/> is not yet escaped, <paramref name="Properties"/> is the
/// <c>[LoggerMessage]</c> state.</summary>
internal readonly record struct DaemonLogEntry(
    DateTimeOffset Time,
    LogLevel Level,
    EventId EventId,
    string? Tunnel,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>>? Properties = null,
    Exception? Exception = null);
