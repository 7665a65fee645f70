using SshKeep.Supervision;

namespace SshKeep.Observability.Metrics;

/// <summary>
/// How many ssh runs of one tunnel ended between two status snapshots, and why (pure): the
/// increments of <c>sshkeep_tunnel_restarts_total{reason}</c>.
/// </summary>
/// <remarks>
/// <para>The daemon hands over snapshots, not events, and two changes a few microseconds apart can
/// arrive as one (<see cref="SshKeep.Daemon.DaemonHost"/> re-reads the live state). So the count is
/// a difference of a number each snapshot carries on its own: the runs known to have ended,
/// <see cref="TunnelStatus.Restarts"/> (ssh starts after the first) plus one while the tunnel waits
/// after a run (backoff, waiting-for-remote-port, needs-attention). A run that ended and was
/// followed at once by the next start (a requested restart) shows as the next start. Stopping is
/// not a restart. A smaller <see cref="TunnelStatus.Restarts"/> than before means a new supervisor
/// (a reload changed or re-added the tunnel): counting starts again from that snapshot.</para>
/// <para>The reason is <see cref="TunnelStatus.LastRestartReason"/>, set by the supervisor when a
/// run ends. Without one, it is inferred from where the tunnel went: needs-attention →
/// <see cref="RestartReasons.Permanent"/>, waiting-for-remote-port →
/// <see cref="RestartReasons.RemotePortInUse"/>, straight to the next start →
/// <see cref="RestartReasons.Requested"/>, anything else <see cref="RestartReasons.Exited"/>.
/// Runs that ended unseen in one step all get the newest reason.</para>
/// </remarks>
public static class RestartCounting
{
    /// <param name="previous">The tunnel's last snapshot seen, or null for its first.</param>
    /// <param name="next">Its new snapshot.</param>
    public static RestartIncrement Between(TunnelStatus? previous, TunnelStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var baseline = previous is null || next.Restarts < previous.Restarts ? 0 : EndedRuns(previous);
        var ended = EndedRuns(next) - baseline;
        return ended <= 0 ? RestartIncrement.None : new RestartIncrement(ended, ReasonOf(next));
    }

    /// <summary>Runs of this supervisor known to have ended, from one snapshot alone.</summary>
    public static int EndedRuns(TunnelStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Restarts + (IsWaitingAfterRun(status.State) ? 1 : 0);
    }

    private static bool IsWaitingAfterRun(TunnelState state) =>
        state is TunnelState.Backoff or TunnelState.WaitingForRemotePort or TunnelState.NeedsAttention;

    private static string ReasonOf(TunnelStatus next) =>
        next.LastRestartReason is { } reason && RestartReasons.All.Contains(reason)
            ? reason
            : next.State switch
            {
                TunnelState.NeedsAttention => RestartReasons.Permanent,
                TunnelState.WaitingForRemotePort => RestartReasons.RemotePortInUse,
                TunnelState.Starting or TunnelState.Up => RestartReasons.Requested,
                _ => RestartReasons.Exited,
            };
}
