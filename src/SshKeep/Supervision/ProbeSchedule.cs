using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>When a tunnel's probes run and condemn its ssh (docs/probes.md, "Timing").</summary>
internal static class ProbeSchedule
{
    public static bool Enabled(HealthSettings health) => health.ProbeInterval > 0;

    /// <summary>Before the first pass: a remote forward may still await the server's confirmation.</summary>
    public static readonly TimeSpan RetryBeforeFirstPass = TimeSpan.FromMilliseconds(250);

    public static TimeSpan NextDelay(bool passed, TimeSpan took, HealthSettings health, bool provedYet = true)
    {
        var slot = TimeSpan.FromSeconds(passed ? health.ProbeInterval : health.ProbeTimeout);
        var rest = slot - took;
        if (!passed && !provedYet && rest > RetryBeforeFirstPass) rest = RetryBeforeFirstPass;
        return rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
    }

    /// <summary>Only a whole-second slot: 2.5 s would be stretched to 3 s.</summary>
    public static bool WaitsOnGrain(bool passed, HealthSettings health) =>
        double.IsInteger(passed ? health.ProbeInterval : health.ProbeTimeout);

    /// <summary>docs/probes.md, "Side effects and limits".</summary>
    public const int ListenerCheckEvery = 12;

    public static bool ChecksListeners(int roundsSinceListenerChecked, bool provedYet, bool lastRoundFailed, bool requested) =>
        !provedYet || lastRoundFailed || requested || roundsSinceListenerChecked >= ListenerCheckEvery - 1;

    public static bool Condemns(int failuresInARow, HealthSettings health) => failuresInARow >= Math.Max(1, health.ProbeFailures);
}
