namespace SshKeep.Supervision;

/// <summary>Where a tunnel of the daemon is, as users see it (docs/daemon.md, "Tunnel states").</summary>
internal enum TunnelState
{
    Starting,
    Up,
    Backoff,
    WaitingForRemotePort,
    NeedsAttention,
    Stopped,
}
