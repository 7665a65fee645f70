namespace SshKeep.Supervision;

/// <summary>Where a tunnel of the daemon is, as users see it (docs/daemon.md, "Tunnel states").</summary>
internal enum TunnelState
{
    /// <summary>ssh was started and has not proved the tunnel yet.</summary>
    Starting,

    /// <summary>ssh runs and the tunnel is healthy.</summary>
    Up,

    /// <summary>ssh failed for a transient reason; waiting before the next start.</summary>
    Backoff,

    /// <summary>The server still holds a remote port of ours (a dead session's); retrying shortly.</summary>
    WaitingForRemotePort,

    /// <summary>A permanent failure (authentication, host key, bad option): a person must act; slow retries.</summary>
    NeedsAttention,

    /// <summary>Not running: disabled, removed, or the daemon is stopping.</summary>
    Stopped,
}
