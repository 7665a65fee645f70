namespace SshKeep.Logging;

/// <summary>A null <paramref name="Tunnel"/> is the daemon as a whole; <paramref name="Message"/> is not yet escaped;
/// <paramref name="Properties"/> is the <c>[LoggerMessage]</c> state.</summary>
internal readonly record struct DaemonLogEntry(
    DateTimeOffset Time,
    LogLevel Level,
    EventId EventId,
    string? Tunnel,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>>? Properties = null,
    Exception? Exception = null);
