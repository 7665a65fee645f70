namespace SshKeep.Compat;

/// <summary>
/// Where autossh logs once its environment has been read (R84, R85): syslog with ident
/// <paramref name="ProgramName"/>, or only <paramref name="LogFile"/> when set; messages above
/// <paramref name="LogLevel"/> are dropped; <paramref name="Debug"/> copies syslog lines to stderr.
/// </summary>
internal sealed record CompatLogOptions(string ProgramName, string? LogFile, int LogLevel, bool Debug);
