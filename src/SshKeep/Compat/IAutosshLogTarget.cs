namespace SshKeep.Compat;

/// <summary>Where autossh-style log lines go, as <see cref="AutosshLoggerProvider.Create"/> chooses (R84). Thread-safe;
/// <see cref="Write"/> never throws: like autossh, a log line that cannot be written is dropped.</summary>
internal interface IAutosshLogTarget : IDisposable
{
    /// <summary>Writes one message; <paramref name="severity"/> is a syslog severity (0–7).</summary>
    void Write(int severity, string text);
}
