using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>When the end-to-end probes of a tunnel run and when they condemn its ssh; pure and
/// table-tested (docs/probes.md, "Timing").</summary>
internal static class ProbeSchedule
{
    /// <summary>Probes are on when the interval is positive.</summary>
    public static bool Enabled(HealthSettings health) => health.ProbeInterval > 0;

    /// <summary>Before the first pass a failed round is retried this soon: a remote forward may
    /// still await the server's confirmation, and "up" should not wait a whole timeout slot for that.</summary>
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

    /// <summary>The wait after a round may end on the shared whole-second boundary
    /// (<see cref="ProbeClock"/>) when its slot is whole seconds; 2.5 s would be stretched to 3 s.</summary>
    public static bool WaitsOnGrain(bool passed, HealthSettings health)
    {
        var slot = passed ? health.ProbeInterval : health.ProbeTimeout;
        return slot == Math.Floor(slot);
    }

    /// <summary>Once the tunnel is proved, a -L probe without an exchange connects to ssh's local
    /// listener only every this many rounds (docs/probes.md, "Side effects and limits").</summary>
    public const int ListenerCheckEvery = 12;

    /// <summary>Whether this round also connects to the local listeners: always before the first
    /// pass, after a failed round and when asked (a network change).</summary>
    public static bool ChecksListeners(int roundsSinceListenerChecked, bool provedYet, bool lastRoundFailed, bool requested) =>
        !provedYet || lastRoundFailed || requested || roundsSinceListenerChecked >= ListenerCheckEvery - 1;

    /// <summary>True when <paramref name="failuresInARow"/> failing rounds condemn the ssh.</summary>
    public static bool Condemns(int failuresInARow, HealthSettings health) => failuresInARow >= Math.Max(1, health.ProbeFailures);
}
