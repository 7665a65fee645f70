using SshKeep.Compat;

namespace SshKeep.Tests.Compat;

/// <summary>Spec R63: the grace_time() schedule, checked against the spec's computed table.</summary>
public class AutosshBackoffTests
{
    [Theory]
    [InlineData(600, "2 8 18 32 50 72 98 128 162 200 241 288 338 392 450 512 578 600 600")]
    [InlineData(300, "1 4 9 16 25 36 49 64 81 100 120 144 169 196 225 256 289 300")]
    [InlineData(60, "0 0 1 3 5 7 9 12 16 20 24 28 33 39 45 51 57 60")]
    [InlineData(30, "0 0 0 1 2 3 4 6 8 10 12 14 16 19 22 25 28 30")]
    [InlineData(5, "0 0 0 0 0 0 0 1 1 1 2 2 2 3 3 4 4 5")]
    public void Sleeps_after_the_fifth_fast_try_follow_the_quadratic_table(int poll, string expected)
    {
        var sleeps = expected.Split(' ').Select(int.Parse).ToArray();

        for (var i = 0; i < sleeps.Length; i++)
            Assert.Equal(sleeps[i], AutosshBackoff.SleepFor(AutosshBackoff.FastTries + 1 + i, poll));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void The_first_six_starts_do_not_sleep(int tries)
    {
        Assert.Equal(0, AutosshBackoff.SleepFor(tries, 600));
    }

    [Fact]
    public void A_huge_tries_count_is_capped_at_the_poll_time_instead_of_overflowing()
    {
        Assert.Equal(600, AutosshBackoff.SleepFor(5_000_000, 600));
    }

    [Theory]
    [InlineData(600, 60)]
    [InlineData(300, 30)]
    [InlineData(60, 10)]
    [InlineData(5, 10)]
    [InlineData(109, 10)]
    [InlineData(119, 11)]
    public void The_minimum_uptime_is_a_tenth_of_the_poll_time_but_at_least_ten_seconds(int poll, int expected)
    {
        Assert.Equal(expected, AutosshBackoff.MinimumUptimeSeconds(poll));
    }

    [Theory]
    [InlineData(3, 1000, 1059, 4)]   // lived 59 s < 60: one more fast try
    [InlineData(3, 1000, 1060, 0)]   // lived 60 s: the counter resets
    [InlineData(0, 0, 1_700_000_000, 0)] // first start: previous start is the epoch
    public void Tries_count_up_only_for_short_lived_runs(int tries, long lastStart, long now, int expectedTries)
    {
        var decision = AutosshBackoff.Next(new AutosshBackoff.State(tries, lastStart), now, 600);

        Assert.Equal(expectedTries, decision.Tries);
    }

    [Fact]
    public void A_failing_ssh_is_started_six_times_back_to_back_then_waits_two_then_eight_seconds()
    {
        // Exp. J: starts 1–6 at once, then +2 s, +8 s (POLL 600).
        var state = default(AutosshBackoff.State);
        long now = 1_700_000_000;
        var sleeps = new List<int>();
        for (var start = 1; start <= 8; start++)
        {
            var d = AutosshBackoff.Next(state, now, 600);
            sleeps.Add(d.SleepSeconds);
            now += d.SleepSeconds;
            state = new AutosshBackoff.State(d.Tries, now);
        }

        Assert.Equal([0, 0, 0, 0, 0, 0, 2, 8], sleeps);
    }
}
