using SshKeep.Metrics;
using SshKeep.Supervision;

namespace SshKeep.Tests.Metrics;

/// <summary>Restarts and attempts counted from two snapshots: (previous, next) → how many of each, and why.</summary>
public sealed class RestartCountingTests
{
    [Theory]
    // previous: state restarts attempts  next: state restarts attempts reason     → restarts, reason, attempts
    [InlineData(null, 0, 0, "starting", 0, 0, null, 0, null, 0)]                          // the first snapshot
    [InlineData(null, 0, 0, "starting", 0, 1, null, 0, null, 1)]                          // … with its first start
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
    [InlineData("up", 3, 4, "backoff", 5, 6, "exited", 2, "exited", 2)]                   // changes that arrived as one are still counted
    [InlineData("up", 1, 2, "stopped", 1, 2, "exited", 0, null, 0)]                       // stopping is not a restart
    [InlineData("stopped", 3, 9, "starting", 0, 1, null, 0, null, 1)]                     // a reload made a new supervisor
    [InlineData("up", 3, 9, "starting", 1, 9, "requested", 1, "requested", 9)]            // … whose counts arrived already grown
    [InlineData(null, 0, 0, "backoff", 2, 8, "exited", 2, "exited", 8)]                   // first seen late: everything so far
    public void Restarts_and_attempts_between_two_snapshots_are_counted_once(
        string? previousState, int previousRestarts, int previousAttempts,
        string nextState, int nextRestarts, int nextAttempts, string? nextReason,
        int restarts, string? reason, int attempts)
    {
        var previous = previousState is null ? null : Status(previousState, previousRestarts, previousAttempts, null);
        var next = Status(nextState, nextRestarts, nextAttempts, nextReason);

        var increment = RestartCounting.Between(previous, next);

        Assert.Equal(restarts, increment.Count);
        Assert.Equal(reason, increment.Reason);
        Assert.Equal(attempts, increment.Attempts);
    }

    [Fact]
    public void A_counter_starts_every_reason_at_zero_and_adds_up_what_it_sees()
    {
        var counter = new RestartCounter();
        counter.Observe([Status("starting", 0, 1, null, "db"), Status("up", 0, 1, null, "web")]);
        counter.Observe([Status("up", 0, 1, null, "db"), Status("backoff", 1, 1, "exited", "web")]);
        counter.Observe([Status("up", 0, 1, null, "db"), Status("starting", 1, 2, "exited", "web")]);
        counter.Observe([Status("up", 0, 1, null, "db"), Status("starting", 2, 3, "requested", "web")]);

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
        counter.Observe([Status("up", 0, 1, null, "db")]);
        counter.Observe([Status("backoff", 1, 1, "exited", "db")]);
        counter.Observe([]);
        counter.Observe([Status("starting", 0, 0, null, "db")]);

        Assert.All(counter.Read("db"), c => Assert.Equal(0, c.Value));
        Assert.Equal(0, counter.Attempts("db"));
        Assert.Null(counter.LastReason("db"));
    }

    private static TunnelStatus Status(string state, int restarts, int attempts, string? reason, string name = "db") => new()
    {
        Name = name,
        State = TunnelStateNames.TryParse(state, out var parsed) ? parsed.Value : throw new ArgumentException(state),
        Since = DateTimeOffset.UnixEpoch,
        Restarts = restarts,
        Attempts = attempts,
        LastRestartReason = reason,
    };
}
