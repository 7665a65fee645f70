namespace SshKeep.Cli;

internal sealed record InstallServiceOptions(bool User = false, bool Write = false, string? ConfigPath = null, string? Account = null);
