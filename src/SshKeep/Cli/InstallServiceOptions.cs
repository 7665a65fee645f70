namespace SshKeep.Cli;

/// <summary>install-service's and uninstall-service's options as parsed; what each means is its description
/// in <see cref="DaemonCommandLine"/> (docs/daemon.md, "systemd").</summary>
internal sealed record InstallServiceOptions(bool User = false, bool Write = false, string? ConfigPath = null, string? Account = null);
