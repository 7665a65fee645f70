namespace SshKeep.Cli;

/// <summary>Each option's meaning is its description in <see cref="DaemonCommandLine"/>.</summary>
internal sealed record InstallServiceOptions(bool User = false, bool Write = false, string? ConfigPath = null, string? Account = null);
