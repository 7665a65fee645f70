using SshKeep.Metrics;
using SshKeep.Supervision;
using SshKeep.Tests.Supervision;

namespace SshKeep.Tests.Metrics;

/// <summary>Restarts and attempts counted from each transition: (before, after) → how many of each, and why.</summary>
public sealed class RestartCountingTests
{
    [Theory]
    // before: state restarts attempts  after: state restarts attempts reason     → restarts, reason, attempts
    [InlineData("starting", 0, 0, "starting", 0, 0, null, 0, null, 0)]                    // a fresh tunnel's first transition
    [InlineData("starting", 0, 0, "starting", 0, 1, null, 0, null, 1)]                    // … with its first start
    [InlineData("starting", 0, 1, "up", 0, 1, null, 0, null, 0)]
    [InlineData("up", 0, 1, "backoff", 1, 1, "exited", 1, "exited", 0)]                   // a working tunnel lost ssh: counted at once
    [InlineData("backoff", 1, 1, "starting", 1, 2, "exited", 0, null, 1)]                 // … its next start is an attempt
    [InlineData("starting", 0, 1, "backoff", 0, 1, "exited", 0, null, 0)]                 // never came up: no restart
    [InlineData("backoff", 0, 1, "starting", 0, 2, "exited", 0, null, 1)]                 // … only one more attempt
    [InlineData("waiting-for-remote-port", 1, 5, "waiting-for-remote-port", 1, 31, "remote-port-in-use", 0, null, 26)] // held-port retries after one outage
    [InlineData("up", 0, 1, "starting", 1, 2, "requested", 1, "requested", 1)]            // restart NAME
    [InlineData("up", 2, 3, "backoff", 3, 3, "probe-failed", 1, "probe-failed", 0)]       // the supervisor's reason
    [InlineData("up", 0, 1, "backoff", 1, 1, "not-a-reason", 1, "exited", 0)]             // an unknown reason is never a label
    [InlineData("up", 0, 1, "backoff", 1, 1, null, 1, "exited", 0)]
    [InlineData("up", 3, 4, "backoff", 5, 6, "exited", 2, "exited", 2)]                   // whatever one transition carries is counted
    [InlineData("up", 1, 2, "stopped", 1, 2, "exited", 0, null, 0)]                       // stopping is not a restart
    [InlineData("starting", 0, 0, "backoff", 2, 8, "exited", 2, "exited", 8)]             // a fresh tunnel: everything it carries
    public void Restarts_and_attempts_of_a_transition_are_counted_once(
        string previousState, int previousRestarts, int previousAttempts,
        string nextState, int nextRestarts, int nextAttempts, string? nextReason,
        int restarts, string? reason, int attempts)
    {
        var before = Status(previousState, previousRestarts, previousAttempts, null);
        var after = Status(nextState, nextRestarts, nextAttempts, nextReason);

        var increment = RestartCounter.Of(Transitions.Of(before, after));

        Assert.Equal(restarts, increment.Count);
        Assert.Equal(reason, increment.Reason);
        Assert.Equal(attempts, increment.Attempts);
    }

    [Theory]
    [InlineData(TransitionReasons.Listed)]
    [InlineData(TransitionReasons.Removed)]
    public void The_daemon_listing_or_removing_a_tunnel_counts_nothing(string reason)
    {
        // A listing's status may be older than the tunnel's last transition: it must not count.
        var increment = RestartCounter.Of(Transitions.Of(Status("starting", 0, 0, null), Status("backoff", 2, 5, "exited"), reason));

        Assert.Equal(RestartCounter.Increment.None, increment);
    }

    [Fact]
    public void A_counter_starts_every_reason_at_zero_and_adds_up_what_it_sees()
    {
        var counter = new RestartCounter();
        foreach (var transition in Transitions.Chain(Status("starting", 0, 1, null, "db"), Status("up", 0, 1, null, "db"))
                     .Concat(Transitions.Chain(Status("up", 0, 1, null, "web"), Status("backoff", 1, 1, "exited", "web"),
                         Status("starting", 1, 2, "exited", "web"), Status("starting", 2, 3, "requested", "web"))))
            counter.Observe(transition);

        Assert.Equal(RestartReasons.All, counter.Read("db").Select(c => c.Key));
        Assert.All(counter.Read("db"), c => Assert.Equal(0, c.Value));
        Assert.Equal(1, counter.Attempts("db"));
        var web = counter.Read("web").ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(1, web["exited"]);
        Assert.Equal(1, web["requested"]);
        Assert.Equal(2, web.Values.Sum());
        Assert.Equal(3, counter.Attempts("web"));
        Assert.Equal("requested", counter.LastReason("web"));
    }

    [Fact]
    public void A_tunnel_removed_by_a_reload_is_forgotten_and_starts_from_zero_if_it_returns()
    {
        var counter = new RestartCounter();
        foreach (var transition in Transitions.Chain(Status("up", 0, 1, null), Status("backoff", 1, 1, "exited")))
            counter.Observe(transition);
        counter.Observe(Transitions.Removed("db", DateTimeOffset.UnixEpoch));
        counter.Observe(Transitions.Listed(Status("starting", 0, 0, null)));

        Assert.All(counter.Read("db"), c => Assert.Equal(0, c.Value));
        Assert.Equal(0, counter.Attempts("db"));
        Assert.Null(counter.LastReason("db"));
    }

    private static TunnelStatus Status(string state, int restarts, int attempts, string? reason, string name = "db") => new()
    {
        Name = name,
        State = KebabName.TryParse(state, out TunnelState parsed) ? parsed : throw new ArgumentException(state),
        Since = DateTimeOffset.UnixEpoch,
        Restarts = restarts,
        Attempts = attempts,
        LastRestartReason = reason,
    };
}
