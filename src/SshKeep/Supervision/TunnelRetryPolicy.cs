using SshKeep.Config;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>
/// The daemon's decision after an ssh run ends (design: recovery). Pure and
/// table-tested: permanent failures wait for a person (slow retries), a held remote port is
/// retried on a short jittered period, everything else backs off exponentially with full jitter,
/// and the daemon never gives up on a transient failure.
/// </summary>
internal static class TunnelRetryPolicy
{
    /// <summary>Two starts of an unhealthy tunnel are never closer than this.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the daemon reset the dead session that held a remote port: the
    /// server drops that session as soon as the reset arrives (one way of a round trip), so the
    /// port is free well within this.</summary>
    public static readonly TimeSpan AfterDeadSessionReset = TimeSpan.FromMilliseconds(500);

    /// <param name="outcome">How the run ended.</param>
    /// <param name="failures">Consecutive failed runs before this one.</param>
    /// <param name="settings">The tunnel's back-off settings.</param>
    /// <param name="unit">A random number in [0, 1) for the jitter.</param>
    /// <param name="deadSessionReset">The run found its remote port held, and the daemon has just
    /// reset the connection of the tunnel's previous session, which the server still kept
    /// (<see cref="SshKeep.Health.SessionSocketClaim"/>).</param>
    public static TunnelNextStep After(TunnelRunOutcome outcome, int failures, BackoffSettings settings, double unit,
        bool deadSessionReset = false)
    {
        // A tunnel that stayed healthy for the stable period starts its back-off afresh.
        if (outcome.ReachedUp && outcome.UpFor >= TimeSpan.FromSeconds(settings.StablePeriod)) failures = 0;

        if (outcome.Decisive.IsPermanent)
            return new TunnelNextStep(TunnelState.NeedsAttention, TimeSpan.FromSeconds(settings.NeedsAttentionRetry),
                failures + 1, null, outcome.Reason);

        if (outcome.Decisive.Kind == SshFailureKind.RemotePortInUse)
        {
            var wait = JitteredBackoff.AroundPeriod(settings.RemotePortRetry, unit);
            if (deadSessionReset && AfterDeadSessionReset < wait) wait = AfterDeadSessionReset;
            return new TunnelNextStep(TunnelState.WaitingForRemotePort, wait, failures + 1, outcome.Decisive.Port, outcome.Reason);
        }

        // The first failure of a tunnel that was up (and not flapping: its count is back at zero)
        // restarts at once, as autossh does after a run past its gate time: a killed or dropped
        // ssh is replaced within one spawn (the goal is 0.3 s at most). From the second failure in a row,
        // exponential back-off with full jitter spreads a fleet that lost the same server.
        // A run that came up is not a crash loop (it authenticated and its probes passed), so
        // however often it happens, its next start is at most one doubled step away (< 1 s with
        // the defaults): a tunnel killed every few seconds keeps coming back like under autossh,
        // and the count keeps growing, so if a start then fails to come up the full back-off
        // applies (bench/soak: 30 s waits after kills under repeated faults, before this cap).
        var delay = !outcome.ReachedUp ? JitteredBackoff.Delay(failures, settings, unit)
            : failures == 0 ? TimeSpan.Zero
            : JitteredBackoff.Delay(Math.Min(failures, 1), settings, unit);
        delay = JitteredBackoff.AtLeastGap(delay, outcome.SinceStart, MinimumGap, wasHealthy: outcome.ReachedUp);
        return new TunnelNextStep(TunnelState.Backoff, delay, failures + 1, null, outcome.Reason);
    }
}
