using SshKeep.Config;

namespace SshKeep.Health;

/// <summary>
/// The decision after one probe of a forward (issue 4 item 1), pure and table-tested: how many
/// failures in a row there are now, whether ssh must be restarted, and when the next probe is due.
/// </summary>
/// <remarks>
/// <para>Schedule: after a pass the next probe starts one interval after this one started; after
/// a failure it starts one probe timeout after this one started, that is at once when it timed
/// out, and a little later when it failed fast (a refusal in 2 ms does not buy a second chance
/// 2 ms later: a blip gets the same time to clear as a timeout would have taken). So from a fault
/// to the restart takes at most <see cref="DetectionBudget"/> = interval + failures × timeout.</para>
/// </remarks>
/// <param name="Failures">Failed probes in a row, this one included; 0 after a pass.</param>
/// <param name="Restart">True when <see cref="Failures"/> reached the tunnel's <c>probe_failures</c>.</param>
/// <param name="NextProbeIn">From the end of this probe to the start of the next one; zero when it is
/// due at once. Meaningless when <see cref="Restart"/> (probing starts afresh with the new ssh).</param>
public sealed record ProbeVerdict(int Failures, bool Restart, TimeSpan NextProbeIn)
{
    /// <param name="passed">This probe's outcome (<see cref="ProbeResult.Ok"/>).</param>
    /// <param name="duration">How long it took (<see cref="ProbeResult.Duration"/>).</param>
    /// <param name="failuresBefore">Failed probes in a row before this one.</param>
    /// <param name="health">The tunnel's probe interval, timeout and failures; probes must be on (interval &gt; 0).</param>
    public static ProbeVerdict After(bool passed, TimeSpan duration, int failuresBefore, HealthSettings health)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentOutOfRangeException.ThrowIfNegative(failuresBefore);
        if (health.ProbeInterval <= 0) throw new ArgumentException("Probes are off (probe_interval 0); there is no verdict to make.", nameof(health));

        if (passed) return new ProbeVerdict(0, false, Remaining(TimeSpan.FromSeconds(health.ProbeInterval), duration));
        var failures = failuresBefore + 1;
        return new ProbeVerdict(failures, failures >= health.ProbeFailures, Remaining(TimeSpan.FromSeconds(health.ProbeTimeout), duration));
    }

    /// <summary>The longest time from a fault to the restart: a fault just after a passing probe
    /// waits up to one interval for the next probe, then each of the failures needed takes at most
    /// one timeout (defaults: 5 + 2 × 3 = 11 s).</summary>
    public static TimeSpan DetectionBudget(HealthSettings health)
    {
        ArgumentNullException.ThrowIfNull(health);
        return TimeSpan.FromSeconds(health.ProbeInterval + health.ProbeFailures * health.ProbeTimeout);
    }

    private static TimeSpan Remaining(TimeSpan slot, TimeSpan duration) => duration >= slot ? TimeSpan.Zero : slot - duration;
}
