namespace SshKeep.Compat;

/// <summary>The pid file could not be written; the message is autossh's (R83), e.g.
/// <c>cannot open pid file "/run/x.pid": Permission denied</c>.</summary>
internal sealed class PidFileException(string message) : Exception(message);
