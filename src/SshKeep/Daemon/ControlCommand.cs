namespace SshKeep.Daemon;

/// <summary>What a client asks the daemon over the control socket; the wire names are the CLI
/// verbs (<see cref="KebabName"/>), each described in docs/daemon.md "Control protocol".</summary>
internal enum ControlCommand
{
    Status,
    Restart,
    RetryNow,
    Reload,
    Stop,
}
