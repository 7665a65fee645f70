using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Tests.Supervision;

/// <summary>Tier 1: when probes run and when they condemn an ssh.</summary>
public class ProbeScheduleTests
{
    private static readonly HealthSettings Defaults = new(); // 5 s interval, 3 s timeout, 2 failures

    [Theory]
    [InlineData(true, 0.010, 4.990)]   // a passing round: the next one starts an interval after this one did
    [InlineData(true, 6.0, 0.0)]       // a round longer than the interval: the next one at once
    [InlineData(false, 3.0, 0.0)]      // a round that timed out: retried at once
    [InlineData(false, 0.002, 2.998)]  // a quick failure (refused) waits out its timeout slot: no spinning
    public void The_next_round_is_due(bool passed, double tookSeconds, double expectedSeconds)
    {
        var delay = ProbeSchedule.NextDelay(passed, TimeSpan.FromSeconds(tookSeconds), Defaults);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, 3);
    }

    [Theory]
    [InlineData(false, 0.002, 0.25)]  // not proved yet: a quick failure is retried soon (a -R not yet confirmed)
    [InlineData(false, 3.0, 0.0)]
    [InlineData(true, 0.010, 4.990)]
    public void Before_the_first_pass_a_failure_is_retried_soon(bool passed, double tookSeconds, double expectedSeconds) =>
        Assert.Equal(expectedSeconds, ProbeSchedule.NextDelay(passed, TimeSpan.FromSeconds(tookSeconds), Defaults, provedYet: false).TotalSeconds, 3);

    [Theory]
    [InlineData(1, 2, false)]
    [InlineData(2, 2, true)]
    [InlineData(3, 2, true)]
    [InlineData(1, 1, true)]
    [InlineData(1, 0, true)] // a nonsensical 0 counts as 1
    public void Failing_rounds_in_a_row_condemn_the_ssh(int failures, int limit, bool condemned) =>
        Assert.Equal(condemned, ProbeSchedule.Condemns(failures, Defaults with { ProbeFailures = limit }));

    [Theory]
    [InlineData(5, true)]
    [InlineData(0, false)]
    public void An_interval_of_zero_turns_probes_off(double interval, bool enabled) =>
        Assert.Equal(enabled, ProbeSchedule.Enabled(Defaults with { ProbeInterval = interval }));

    [Theory]
    [InlineData(0, false, false, false, true)]   // not proved yet: every step, every round
    [InlineData(5, false, false, false, true)]
    [InlineData(0, true, false, false, false)]   // proved: the round after a full one skips the listener…
    [InlineData(10, true, false, false, false)]
    [InlineData(11, true, false, false, true)]   // …until the 12th round
    [InlineData(30, true, false, false, true)]
    [InlineData(3, true, true, false, true)]     // a retry after a failed round proves everything
    [InlineData(3, true, false, true, true)]     // so does a round a network change asked for
    public void A_proved_tunnel_connects_to_its_local_listeners_every_12th_round(int sinceChecked, bool proved, bool lastFailed,
        bool requested, bool checks) =>
        Assert.Equal(checks, ProbeSchedule.ChecksListeners(sinceChecked, proved, lastFailed, requested));

    [Theory]
    [InlineData(true, 5, 3, true)]      // the defaults: whole seconds both ways
    [InlineData(false, 5, 3, true)]
    [InlineData(true, 2.5, 1, false)]   // 2.5 s would be stretched to 3 s on the grain
    [InlineData(false, 5, 0.5, false)]
    public void Only_whole_second_slots_wait_on_the_shared_grain(bool passed, double interval, double timeout, bool onGrain) =>
        Assert.Equal(onGrain, ProbeSchedule.WaitsOnGrain(passed, Defaults with { ProbeInterval = interval, ProbeTimeout = timeout }));
}
