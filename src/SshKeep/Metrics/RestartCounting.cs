using SshKeep.Supervision;

namespace SshKeep.Metrics;

/// <summary>
/// How many restarts and ssh starts of one tunnel happened between two status snapshots, and why
/// it restarted (pure): the increments of <c>sshkeep_tunnel_restarts_total{reason}</c> and
/// <c>sshkeep_tunnel_attempts_total</c>.
/// </summary>
/// <remarks>
/// <para>The daemon hands over snapshots, not events, and two changes a few microseconds apart can
/// arrive as one (<see cref="SshKeep.Cli.DaemonHost"/> re-reads the live state). So each count
/// is the difference of a number every snapshot carries on its own:
/// <see cref="TunnelStatus.Restarts"/> (a working tunnel lost its ssh, or a restart was asked
/// while ssh ran; counted by the supervisor the moment the run ends) and
/// <see cref="TunnelStatus.Attempts"/> (every ssh start). Retries of a tunnel that never came up
/// (a held remote port, a refused key, a server that is down) are attempts, not restarts, so a
/// "flapping" alert on restarts does not fire for one outage. Stopping is not a restart. A smaller
/// number than before means a new supervisor (a reload changed or re-added the tunnel): counting
/// starts again from that snapshot.</para>
/// <para>The reason is <see cref="TunnelStatus.LastRestartReason"/>, set by the supervisor in the
/// same change as the count; without one (or an unknown one), <see cref="RestartReasons.Exited"/>.
/// Restarts that happened unseen in one step all get the newest reason.</para>
/// </remarks>
public static class RestartCounting
{
    /// <param name="previous">The tunnel's last snapshot seen, or null for its first.</param>
    /// <param name="next">Its new snapshot.</param>
    public static RestartIncrement Between(TunnelStatus? previous, TunnelStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        // Both counts only grow within one supervisor; either going down means a new one.
        var fresh = previous is not null && (next.Attempts < previous.Attempts || next.Restarts < previous.Restarts);
        var restarts = Increase(previous?.Restarts, next.Restarts, fresh);
        var attempts = Increase(previous?.Attempts, next.Attempts, fresh);
        return restarts == 0 && attempts == 0
            ? RestartIncrement.None
            : new RestartIncrement(restarts, restarts > 0 ? ReasonOf(next) : null, attempts);
    }

    /// <summary>How much a count grew; all of it for a first snapshot or a new supervisor (whose
    /// attempts started again).</summary>
    private static int Increase(int? before, int now, bool newSupervisor) =>
        before is null || newSupervisor ? now : Math.Max(0, now - before.Value);

    private static string ReasonOf(TunnelStatus next) =>
        next.LastRestartReason is { } reason && RestartReasons.All.Contains(reason) ? reason : RestartReasons.Exited;
}
