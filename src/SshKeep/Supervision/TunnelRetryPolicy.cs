using SshKeep.Config;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>The wait after an ssh run ends (docs/daemon.md, "Tunnel states"); full jitter, so a fleet that lost
/// the same server does not come back in lockstep.</summary>
internal static class TunnelRetryPolicy
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    /// <summary>The server drops a reset dead session at once, so its remote port is free well within this.</summary>
    public static readonly TimeSpan AfterDeadSessionReset = TimeSpan.FromMilliseconds(500);

    /// <param name="unit">A random number in [0, 1) for the jitter.</param>
    /// <param name="deadSessionReset">The daemon has just reset the previous session that held the remote port.</param>
    /// <param name="anotherServer">Another server has not refused since the tunnel was last up: a permanent failure
    /// backs off to it (docs/daemon.md, "Several servers: failover").</param>
    public static NextStep After(TunnelRunOutcome outcome, int failures, BackoffSettings settings, double unit,
        bool deadSessionReset = false, bool anotherServer = false)
    {
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

        // Not a crash loop: at once (docs/daemon.md, "Tunnel states"); the count grows for a next start that fails.
        if (outcome.ReachedUp) return new NextStep(TunnelState.Backoff, TimeSpan.Zero, failures + 1, null, outcome.Reason);

        var delay = FullJitter(failures, settings, unit);
        var gap = MinimumGap - outcome.SinceStart;
        if (gap > delay) delay = gap;
        return new NextStep(TunnelState.Backoff, delay, failures + 1, null, outcome.Reason);
    }

    /// <summary>Uniform in [0, initial·2ⁿ capped at max) for the n-th failure in a row (0-based).</summary>
    private static TimeSpan FullJitter(int failures, BackoffSettings settings, double unit) =>
        TimeSpan.FromSeconds(Math.Min(settings.Initial * Math.Pow(2, Math.Min(failures, 62)), settings.Max)) * unit;

    internal sealed record NextStep(TunnelState State, TimeSpan Delay, int Failures, int? HeldRemotePort, string Reason);
}
