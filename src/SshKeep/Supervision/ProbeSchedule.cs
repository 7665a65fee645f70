using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>
/// When the end-to-end probes of a tunnel run and when they condemn its ssh.
/// Pure and table-tested. A passing round is followed by the next one a probe interval after it
/// started; a failing round is retried one probe timeout after it started (a quick failure waits
/// out the rest of its slot, so a refused target cannot spin), and the ssh is restarted after
/// <see cref="HealthSettings.ProbeFailures"/> failing rounds in a row. A fault is therefore
/// condemned at most <see cref="DetectionBudget"/> after it began.
/// </summary>
internal static class ProbeSchedule
{
    /// <summary>Probes are on when the interval is positive.</summary>
    public static bool Enabled(HealthSettings health) => health.ProbeInterval > 0;

    /// <summary>Before the first passing round, a failed round is retried this soon: right after
    /// the session is ready, a remote forward may still be awaiting the server's confirmation, and
    /// "up" should not wait a whole timeout slot for that.</summary>
    public static readonly TimeSpan RetryBeforeFirstPass = TimeSpan.FromMilliseconds(250);

    /// <summary>How long to wait after a round that took <paramref name="took"/>.</summary>
    /// <param name="provedYet">A round has passed during this ssh run.</param>
    public static TimeSpan NextDelay(bool passed, TimeSpan took, HealthSettings health, bool provedYet = true)
    {
        var slot = TimeSpan.FromSeconds(passed ? health.ProbeInterval : health.ProbeTimeout);
        var rest = slot - took;
        if (!passed && !provedYet && rest > RetryBeforeFirstPass) rest = RetryBeforeFirstPass;
        return rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
    }

    /// <summary>
    /// Whether the wait after a round may end on the daemon's shared whole-second boundary
    /// (<see cref="ProbeClock"/>): when its slot (the interval after a pass, the timeout after a
    /// failure) is whole seconds, rounds aligned on the boundaries stay exactly a slot apart; an
    /// interval like 2.5 s would be stretched to 3 s, so it keeps its own timer.
    /// </summary>
    public static bool WaitsOnGrain(bool passed, HealthSettings health)
    {
        var slot = passed ? health.ProbeInterval : health.ProbeTimeout;
        return slot == Math.Floor(slot);
    }

    /// <summary>
    /// A -L probe whose forward has no exchange connects to ssh's local listener only every this
    /// many rounds once the tunnel is proved (a small idle daemon). The channel through
    /// the session is opened every round; the listener cannot go away while its ssh lives (ssh binds
    /// it once, at start-up), and the mux hello each round already proves the event loop that
    /// accepts on it. Checking it every round doubled the probe's socket work and the connections
    /// the target sees.
    /// </summary>
    public const int ListenerCheckEvery = 12;

    /// <summary>Whether this round also connects to the local listeners.</summary>
    /// <param name="roundsSinceListenerChecked">Rounds run since the last one that connected to them
    /// (0 right after such a round).</param>
    /// <param name="provedYet">A round has passed during this ssh run.</param>
    /// <param name="lastRoundFailed">The round before failed: a retry proves everything.</param>
    /// <param name="requested">The round was asked for (a network change): prove everything.</param>
    public static bool ChecksListeners(int roundsSinceListenerChecked, bool provedYet, bool lastRoundFailed, bool requested) =>
        !provedYet || lastRoundFailed || requested || roundsSinceListenerChecked >= ListenerCheckEvery - 1;

    /// <summary>True when <paramref name="failuresInARow"/> failing rounds condemn the ssh.</summary>
    public static bool Condemns(int failuresInARow, HealthSettings health) => failuresInARow >= Math.Max(1, health.ProbeFailures);

    /// <summary>The longest time from a fault to the restart verdict: the fault can begin just
    /// after a passing round (one interval until the next), then every failing round takes one
    /// timeout.</summary>
    public static TimeSpan DetectionBudget(HealthSettings health) =>
        TimeSpan.FromSeconds(health.ProbeInterval + Math.Max(1, health.ProbeFailures) * health.ProbeTimeout);
}
