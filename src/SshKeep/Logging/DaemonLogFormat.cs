namespace SshKeep.Logging;

/// <summary>How the daemon writes its log lines on stderr (<c>--log-format</c>).</summary>
internal enum DaemonLogFormat
{
    /// <summary>One readable line per event: time, level, tunnel, message. Under journald each
    /// event is a journal entry whose MESSAGE is the line without time and level
    /// (<see cref="DaemonJournalEntry"/>), or, when the journal socket does not take it, a line
    /// with a syslog priority prefix instead of the time.</summary>
    Text,

    /// <summary>One JSON object per line (<c>--log-format json</c>).</summary>
    Json,
}
