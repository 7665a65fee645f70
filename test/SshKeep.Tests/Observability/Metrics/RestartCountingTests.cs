using SshKeep.Daemon;
using SshKeep.Observability.Metrics;
using SshKeep.Supervision;

namespace SshKeep.Tests.Observability.Metrics;

/// <summary>Restarts counted from two snapshots: (previous, next) → how many runs ended, and why.</summary>
public sealed class RestartCountingTests
{
    [Theory]
    // previous            next                          reason set       → count, reason
    [InlineData(null, 0, "starting", 0, null, 0, null)]                        // the first snapshot
    [InlineData("starting", 0, "up", 0, null, 0, null)]
    [InlineData("up", 0, "backoff", 0, null, 1, "exited")]                     // ssh died: counted at once
    [InlineData("backoff", 0, "starting", 1, null, 0, null)]                   // … and not again when it starts
    [InlineData("starting", 1, "up", 1, null, 0, null)]
    [InlineData("up", 0, "starting", 1, null, 1, "requested")]                 // restart NAME: straight to the next start
    [InlineData("up", 0, "up", 0, null, 0, null)]                              // ssh gone, nothing decided yet (pid cleared)
    [InlineData("starting", 0, "backoff", 0, null, 1, "exited")]               // never came up
    [InlineData("up", 0, "needs-attention", 0, null, 1, "permanent")]
    [InlineData("up", 0, "waiting-for-remote-port", 0, null, 1, "remote-port-in-use")]
    [InlineData("up", 2, "backoff", 2, "probe-failed", 1, "probe-failed")]     // the supervisor's reason wins
    [InlineData("up", 0, "starting", 1, "requested", 1, "requested")]
    [InlineData("up", 0, "backoff", 0, "not-a-reason", 1, "exited")]           // an unknown reason is never a label
    [InlineData("up", 3, "backoff", 5, "exited", 3, "exited")]                 // runs that ended unseen are still counted
    [InlineData("backoff", 4, "backoff", 5, "exited", 1, "exited")]            // one wait to the next, a start unseen
    [InlineData("up", 0, "stopped", 0, null, 0, null)]                         // stopping is not a restart
    [InlineData("backoff", 3, "stopped", 3, null, 0, null)]
    [InlineData("stopped", 3, "starting", 0, null, 0, null)]                   // a reload made a new supervisor
    [InlineData("up", 3, "backoff", 0, "exited", 1, "exited")]                 // … whose first run already ended
    [InlineData(null, 0, "backoff", 2, "exited", 3, "exited")]                 // first seen after three runs ended
    public void Runs_that_ended_between_two_snapshots_are_counted_once_with_their_reason(
        string? previousState, int previousRestarts, string nextState, int nextRestarts, string? nextReason, int count, string? reason)
    {
        var previous = previousState is null ? null : Status(previousState, previousRestarts, null);
        var next = Status(nextState, nextRestarts, nextReason);

        var increment = RestartCounting.Between(previous, next);

        Assert.Equal(count, increment.Count);
        Assert.Equal(reason, increment.Reason);
    }

    [Fact]
    public void A_counter_starts_every_reason_at_zero_and_adds_up_what_it_sees()
    {
        var counter = new RestartCounter();
        counter.Observe([Status("starting", 0, null, "db"), Status("up", 0, null, "web")]);
        counter.Observe([Status("up", 0, null, "db"), Status("backoff", 0, null, "web")]);
        counter.Observe([Status("up", 0, null, "db"), Status("starting", 1, null, "web")]);
        counter.Observe([Status("up", 0, null, "db"), Status("starting", 2, "requested", "web")]);

        Assert.Equal(RestartReasons.All, counter.Read("db").Select(c => c.Key));
        Assert.All(counter.Read("db"), c => Assert.Equal(0, c.Value));
        var web = counter.Read("web").ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(1, web["exited"]);
        Assert.Equal(1, web["requested"]);
        Assert.Equal(2, web.Values.Sum());
        Assert.Equal("requested", counter.LastReason("web"));
    }

    [Fact]
    public void A_tunnel_removed_by_a_reload_is_forgotten_and_starts_from_zero_if_it_returns()
    {
        var counter = new RestartCounter();
        counter.Observe([Status("up", 0, null, "db")]);
        counter.Observe([Status("backoff", 0, null, "db")]);
        counter.Observe([]);
        counter.Observe([Status("starting", 0, null, "db")]);

        Assert.All(counter.Read("db"), c => Assert.Equal(0, c.Value));
        Assert.Null(counter.LastReason("db"));
    }

    private static TunnelStatus Status(string state, int restarts, string? reason, string name = "db") => new()
    {
        Name = name,
        State = TunnelStateNames.TryParse(state, out var parsed) ? parsed.Value : throw new ArgumentException(state),
        Since = DateTimeOffset.UnixEpoch,
        Restarts = restarts,
        LastRestartReason = reason,
    };
}
