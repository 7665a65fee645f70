using SshKeep.Config;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>
/// The daemon's decision after an ssh run ends; pure and table-tested (the rules: docs/daemon.md,
/// "Tunnel states"). Permanent failures wait for a person, a held remote port is retried on a
/// short jittered period, everything else backs off exponentially with full jitter, so a fleet
/// that lost the same server does not come back in lockstep; never giving up on a transient failure.
/// </summary>
internal static class TunnelRetryPolicy
{
    /// <summary>Two starts of an unhealthy tunnel are never closer than this.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the daemon reset the dead session that held a remote port: the
    /// server drops it as soon as the reset arrives, so the port is free well within this.</summary>
    public static readonly TimeSpan AfterDeadSessionReset = TimeSpan.FromMilliseconds(500);

    /// <param name="failures">Consecutive failed runs before this one.</param>
    /// <param name="unit">A random number in [0, 1) for the jitter.</param>
    /// <param name="deadSessionReset">The run found its remote port held, and the daemon has just
    /// reset the connection of the tunnel's previous session (<see cref="SshKeep.Health.SessionSocketClaim"/>).</param>
    /// <param name="anotherServer">The run was on one of several servers and another has not refused since the tunnel
    /// was last up: a permanent failure is not yet a person's to fix, and the tunnel backs off to the next server
    /// (docs/daemon.md, "Several servers: failover").</param>
    public static NextStep After(TunnelRunOutcome outcome, int failures, BackoffSettings settings, double unit,
        bool deadSessionReset = false, bool anotherServer = false)
    {
        // A tunnel that stayed healthy for the stable period starts its back-off afresh.
        if (outcome.ReachedUp && outcome.UpFor >= TimeSpan.FromSeconds(settings.StablePeriod)) failures = 0;

        if (outcome.Decisive.IsPermanent && !anotherServer)
            return new NextStep(TunnelState.NeedsAttention, TimeSpan.FromSeconds(settings.NeedsAttentionRetry),
                failures + 1, null, outcome.Reason);

        if (outcome.Decisive.Kind == SshFailureKind.RemotePortInUse)
        {
            // ±25 % around the period.
            var wait = TimeSpan.FromSeconds(settings.RemotePortRetry * (0.75 + unit * 0.5));
            if (deadSessionReset && AfterDeadSessionReset < wait) wait = AfterDeadSessionReset;
            return new NextStep(TunnelState.WaitingForRemotePort, wait, failures + 1, outcome.Decisive.Port, outcome.Reason);
        }

        // A run that came up (authenticated, listeners accepting, first probe round passed) proved
        // the server and the tunnel work: it is not a crash loop, so however often it happens the
        // next start is at once, as autossh restarts a run past its gate time (docs/daemon.md,
        // "Tunnel states"). The count still grows: if a start then fails to come up, the full
        // back-off applies.
        if (outcome.ReachedUp) return new NextStep(TunnelState.Backoff, TimeSpan.Zero, failures + 1, null, outcome.Reason);

        // A crash loop must not become a busy loop (one that comes up is paced by its login,
        // settle time and probe round).
        var delay = FullJitter(failures, settings, unit);
        var gap = MinimumGap - outcome.SinceStart;
        if (gap > delay) delay = gap;
        return new NextStep(TunnelState.Backoff, delay, failures + 1, null, outcome.Reason);
    }

    /// <summary>Uniform in [0, initial·2ⁿ capped at max) for the n-th consecutive failure (0-based).</summary>
    private static TimeSpan FullJitter(int failures, BackoffSettings settings, double unit) =>
        TimeSpan.FromSeconds(Math.Min(settings.Initial * Math.Pow(2, Math.Min(failures, 62)), settings.Max)) * unit;

    /// <summary>What the policy decided: the state to show, how long to wait, and the
    /// consecutive-failure count to carry on with.</summary>
    internal sealed record NextStep(TunnelState State, TimeSpan Delay, int Failures, int? HeldRemotePort, string Reason);
}
