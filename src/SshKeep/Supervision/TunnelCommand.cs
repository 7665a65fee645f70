namespace SshKeep.Supervision;

/// <summary>What a person (CLI, signal) or the network can ask of one tunnel (docs/daemon.md, "The tunnel machine").</summary>
internal enum TunnelCommand
{
    RetryNow,
    Restart,
    NetworkChanged,
}
