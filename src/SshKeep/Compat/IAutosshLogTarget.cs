namespace SshKeep.Compat;

/// <summary>Where autossh's log lines go (R84); thread-safe; a line that cannot be written is dropped.</summary>
internal interface IAutosshLogTarget : IDisposable
{
    /// <param name="severity">syslog's, 0–7.</param>
    void Write(int severity, string text);
}
