namespace SshKeep.Daemon;

/// <summary>The wire names are the CLI verbs (docs/daemon.md "Control protocol").</summary>
internal enum ControlCommand
{
    Status,
    Restart,
    RetryNow,
    Reload,
    Stop,
}
