using Microsoft.Extensions.Logging;

namespace SshKeep.Logging;

/// <summary>One event, as the daemon's formatters see it.</summary>
/// <param name="Time">When it was logged (UTC is written).</param>
/// <param name="Level">Its level.</param>
/// <param name="EventId">The <see cref="DaemonLog"/> event id and name.</param>
/// <param name="Tunnel">The tunnel it concerns, or null for the daemon as a whole.</param>
/// <param name="Message">The rendered message, not yet escaped.</param>
/// <param name="Properties">The structured values (<c>[LoggerMessage]</c> state), or null.</param>
/// <param name="Exception">An exception attached to the event, if any.</param>
internal readonly record struct DaemonLogEntry(
    DateTimeOffset Time,
    LogLevel Level,
    EventId EventId,
    string? Tunnel,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>>? Properties = null,
    Exception? Exception = null);
