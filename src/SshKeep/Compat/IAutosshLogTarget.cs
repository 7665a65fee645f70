namespace SshKeep.Compat;

/// <summary>
/// Where autossh-style log lines go: syslog (<see cref="SyslogLogTarget"/>) or the
/// AUTOSSH_LOGFILE (<see cref="LogFileTarget"/>), never both (spec R84). Implementations are
/// thread-safe and never throw from <see cref="Write"/>: like autossh, a log line that cannot be
/// written is dropped.
/// </summary>
internal interface IAutosshLogTarget : IDisposable
{
    /// <summary>Writes one message; <paramref name="severity"/> is a syslog severity (0–7).</summary>
    void Write(int severity, string text);
}
