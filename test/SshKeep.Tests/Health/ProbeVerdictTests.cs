using SshKeep.Config;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

public class ProbeVerdictTests
{
    private static readonly HealthSettings Defaults = new(); // interval 5 s, timeout 3 s, failures 2

    [Theory]
    // passed, duration s, failures before → failures, restart, next probe in s
    [InlineData(true, 0.01, 0, 0, false, 4.99)]
    [InlineData(true, 0.5, 1, 0, false, 4.5)]   // a pass clears earlier failures
    [InlineData(true, 3.0, 0, 0, false, 2.0)]
    [InlineData(false, 3.0, 0, 1, false, 0.0)]  // timed out: the next probe comes at once
    [InlineData(false, 0.002, 0, 1, false, 2.998)] // failed fast: the next one waits out the timeout slot
    [InlineData(false, 3.0, 1, 2, true, 0.0)]   // the second failure in a row restarts ssh
    [InlineData(false, 0.1, 1, 2, true, 2.9)]
    [InlineData(false, 3.0, 5, 6, true, 0.0)]
    public void Failures_in_a_row_reaching_probe_failures_restart_ssh_and_a_failure_is_followed_by_a_probe_at_once(
        bool passed, double duration, int before, int failures, bool restart, double next)
    {
        var verdict = ProbeVerdict.After(passed, TimeSpan.FromSeconds(duration), before, Defaults);

        Assert.Equal(failures, verdict.Failures);
        Assert.Equal(restart, verdict.Restart);
        Assert.Equal(next, verdict.NextProbeIn.TotalSeconds, 3);
    }

    [Theory]
    [InlineData(1, 0, 1, true)]
    [InlineData(3, 0, 1, false)]
    [InlineData(3, 2, 3, true)]
    public void The_limit_is_the_tunnels_probe_failures(int limit, int before, int failures, bool restart)
    {
        var verdict = ProbeVerdict.After(false, TimeSpan.FromSeconds(3), before, Defaults with { ProbeFailures = limit });

        Assert.Equal(failures, verdict.Failures);
        Assert.Equal(restart, verdict.Restart);
    }

    [Theory]
    [InlineData(5, 3, 2, 11)]
    [InlineData(1, 0.5, 3, 2.5)]
    [InlineData(10, 2, 1, 12)]
    public void The_detection_budget_is_interval_plus_failures_times_timeout(double interval, double timeout, int failures, double budget)
    {
        var health = new HealthSettings { ProbeInterval = interval, ProbeTimeout = timeout, ProbeFailures = failures };

        Assert.Equal(budget, ProbeVerdict.DetectionBudget(health).TotalSeconds, 3);
    }

    [Theory]
    // a fault right after a passing probe began; every later probe fails after `failAfter` seconds
    [InlineData(5, 3, 2, 3.0)]   // black hole: each failure is a timeout
    [InlineData(5, 3, 2, 0.001)] // refusal: each failure is instant
    [InlineData(1, 0.5, 4, 0.5)]
    [InlineData(2, 1.5, 1, 0.2)]
    public void Following_the_schedule_a_fault_is_acted_on_within_the_detection_budget(double interval, double timeout, int limit, double failAfter)
    {
        var health = new HealthSettings { ProbeInterval = interval, ProbeTimeout = timeout, ProbeFailures = limit };
        var passing = ProbeVerdict.After(true, TimeSpan.Zero, 0, health);
        var clock = passing.NextProbeIn; // time since the fault when the next probe starts
        var failures = 0;
        ProbeVerdict verdict;
        do
        {
            clock += TimeSpan.FromSeconds(failAfter);
            verdict = ProbeVerdict.After(false, TimeSpan.FromSeconds(failAfter), failures, health);
            failures = verdict.Failures;
            if (!verdict.Restart) clock += verdict.NextProbeIn;
        }
        while (!verdict.Restart);

        Assert.Equal(limit, failures);
        Assert.True(clock <= ProbeVerdict.DetectionBudget(health) + TimeSpan.FromMilliseconds(1),
            $"restart {clock.TotalSeconds} s after the fault, budget {ProbeVerdict.DetectionBudget(health).TotalSeconds} s");
    }

    [Fact]
    public void There_is_no_verdict_when_probes_are_off()
    {
        Assert.Throws<ArgumentException>(() => ProbeVerdict.After(false, TimeSpan.Zero, 0, Defaults with { ProbeInterval = 0 }));
    }
}
