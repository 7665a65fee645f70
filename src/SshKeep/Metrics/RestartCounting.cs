using SshKeep.Supervision;

namespace SshKeep.Metrics;

/// <summary>
/// What one transition adds to <c>sshkeep_tunnel_restarts_total{reason}</c> and
/// <c>sshkeep_tunnel_attempts_total</c> (pure; the fold of <see cref="RestartCounter"/>).
/// </summary>
/// <remarks>
/// Each transition carries the tunnel's counts before and after it, so nothing is lost however
/// close together changes come: <see cref="TunnelStatus.Restarts"/> grows when a working tunnel
/// lost its ssh, or a restart was asked while ssh ran (counted by the supervisor the moment the
/// run ends), <see cref="TunnelStatus.Attempts"/> with every ssh start. Retries of a tunnel that
/// never came up (a held remote port, a refused key, a server that is down) are attempts, not
/// restarts, so a "flapping" alert on restarts does not fire for one outage. Stopping is not a
/// restart. The reason is <see cref="TunnelStatus.LastRestartReason"/> after the transition; without
/// one (or an unknown one), <see cref="RestartReasons.Exited"/>.
/// </remarks>
internal static class RestartCounting
{
    public static RestartIncrement Of(TunnelTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var (before, after) = (transition.Before, transition.After);
        // A listing carries no change of counts (and its Before may be older than the fold's).
        if (transition.Reason is TransitionReasons.Listed or TransitionReasons.Removed) return RestartIncrement.None;
        int restarts = Math.Max(0, after.Restarts - before.Restarts);
        int attempts = Math.Max(0, after.Attempts - before.Attempts);
        return restarts == 0 && attempts == 0
            ? RestartIncrement.None
            : new RestartIncrement(restarts, restarts > 0 ? ReasonOf(after) : null, attempts);
    }

    private static string ReasonOf(TunnelStatus next) =>
        next.LastRestartReason is { } reason && RestartReasons.All.Contains(reason) ? reason : RestartReasons.Exited;
}
