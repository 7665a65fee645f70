using System.Net;
using SshKeep.Health;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Supervision;

/// <summary>Tier 2: the reachability-gated wait and the stuck-connect restart,
/// and naming a local port's holder (item 5).</summary>
public class TunnelSupervisorReachabilityTests
{
    private static TunnelSupervisorHarness With(FakeReachability reachability, double backoffInitial = 20) =>
        new(c => c with { Backoff = c.Backoff with { Initial = backoffInitial, Max = 30 } },
            o => o with { Reachability = reachability, NextUnit = () => 0.99 });

    [Fact]
    public async Task A_wait_ends_the_moment_a_silent_server_answers_again()
    {
        var reachability = new FakeReachability { ServerAnswers = false };
        await using var h = With(reachability);
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say("ssh: connect to host bastion port 22: Connection timed out");
        ssh.Exit(255);
        await h.InStateAsync(TunnelState.Backoff);
        await reachability.CheckedAsync().Within("the wait checks the server once");

        reachability.ServerAnswers = true;

        await h.Launcher.NextStartAsync(); // the clock does not move
        Assert.Contains(h.Log.Texts, t => t.Contains("answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_run_on_one_server_fails_the_wait_watches_the_next_and_ssh_starts_there()
    {
        var reachability = new FakeReachability { ServerAnswers = true };
        await using var h = new TunnelSupervisorHarness(c => c with { Destinations = ["deploy@db1", "deploy@db2"] },
            o => o with { Reachability = reachability, NextUnit = () => 0.99 });
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say("ssh: connect to host db1 port 22: Connection refused");
        ssh.Exit(255);

        // The first could not be reached and the next answers: the wait ends at once (the clock does not move).
        await h.Launcher.NextStartAsync();

        Assert.Equal(["deploy@db1", "deploy@db2"], h.Launcher.Starts.Select(s => s.Process.StartInfo.Arguments[^1]));
        Assert.Equal(1, reachability.Resolves); // ssh -G for the next server, not the address the first run used
        Assert.Equal("deploy@db2", h.Supervisor.Status.Destination);
    }

    public static TheoryData<string, string> Silences => new()
    {
        { "refused", "10.0.0.1:22 refused the connection (the host is there, nothing listens on the port); checking every 0.1s, ssh starts as soon as it accepts a connection" },
        { "timed-out", "10.0.0.1:22 did not answer within 1s; checking every 0.1s, ssh starts as soon as it accepts a connection" },
        { "unreachable", "10.0.0.1:22 is unreachable: No route to host; checking every 0.1s, ssh starts as soon as it accepts a connection" },
    };

    [Theory]
    [MemberData(nameof(Silences))]
    public async Task The_log_says_whether_the_server_refused_did_not_answer_or_cannot_be_reached(string silence, string line)
    {
        var reachability = new FakeReachability
        {
            ServerAnswers = false,
            Silence = silence switch
            {
                "refused" => ReachabilityOutcome.RefusedBy(FakeReachability.Server),
                "timed-out" => ReachabilityOutcome.TimedOutAt(FakeReachability.Server, TimeSpan.FromSeconds(1)),
                _ => ReachabilityOutcome.UnreachableAt(FakeReachability.Server, "No route to host"),
            },
        };
        await using var h = With(reachability);
        (await h.Launcher.NextStartAsync()).Exit(255);

        await h.Log.LoggedAsync(t => t == line).Within($"the line \"{line}\"");
        Assert.DoesNotContain(h.Log.Texts, t => t.Contains("does not answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_answers_at_once_leaves_the_backoff_alone()
    {
        var reachability = new FakeReachability { ServerAnswers = true };
        await using var h = With(reachability);
        (await h.Launcher.NextStartAsync()).Exit(255);
        await h.InStateAsync(TunnelState.Backoff);
        await reachability.CheckedAsync().Within("the wait checks the server once");

        await h.AdvanceAsync(10);
        await h.IdleAsync();

        Assert.Single(h.Launcher.Starts);
        Assert.Equal(1, reachability.Checks);
    }

    [Theory]
    [InlineData("ssh: connect to host bastion port 22: Connection timed out")]
    [InlineData("ssh: connect to host bastion port 22: Connection refused")]
    public async Task A_server_that_answers_right_after_ssh_could_not_connect_to_it_ends_the_wait_at_once(string lastWords)
    {
        // The outage ended while ssh was giving up on its connect (bench/soak: a black-hole healed
        // just before ssh's ConnectTimeout); the server answering now means the cause is gone.
        var reachability = new FakeReachability { ServerAnswers = true };
        await using var h = With(reachability);
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say(lastWords);
        ssh.Exit(255);

        await h.Launcher.NextStartAsync(); // the clock does not move
        Assert.Equal(1, reachability.Checks);
    }

    [Fact]
    public async Task The_address_ssh_used_is_checked_without_asking_ssh_G()
    {
        var reachability = new FakeReachability { ServerAnswers = true };
        await using var h = With(reachability);
        var ssh = await h.Launcher.NextStartAsync();
        reachability.SetConnection(ssh.Pid, FakeReachability.Connection(connecting: false));
        await LookAsync(h, reachability);

        ssh.Exit(255);
        await h.InStateAsync(TunnelState.Backoff);
        await reachability.CheckedAsync().Within("the wait checks the server once");

        Assert.Equal(0, reachability.Resolves);
    }

    [Fact]
    public async Task An_ssh_stuck_connecting_is_replaced_when_the_server_answers()
    {
        var reachability = new FakeReachability { ServerAnswers = false };
        await using var h = With(reachability);
        var stuck = await h.Launcher.NextStartAsync();
        reachability.SetConnection(stuck.Pid, FakeReachability.Connection(connecting: true));
        for (var look = 0; look < 6; look++) await LookAsync(h, reachability); // stuck for over a second
        Assert.False(stuck.StopRequested);

        reachability.ServerAnswers = true;

        var fresh = await h.Launcher.NextStartAsync();
        Assert.True(stuck.StopRequested);
        Assert.NotEqual(stuck.Pid, fresh.Pid);
        Assert.Equal(RestartReasons.ConnectStalled, h.History.Last(s => s.LastRestartReason is not null).LastRestartReason);
    }

    [Fact]
    public async Task An_ssh_that_connected_is_never_replaced_by_the_stall_watch()
    {
        var reachability = new FakeReachability { ServerAnswers = true };
        await using var h = With(reachability);
        var ssh = await h.Launcher.NextStartAsync();
        reachability.SetConnection(ssh.Pid, FakeReachability.Connection(connecting: false));

        await LookAsync(h, reachability);
        await h.AdvanceAsync(5);
        await h.IdleAsync();

        Assert.False(ssh.StopRequested);
        Assert.Equal(0, reachability.Checks);
    }

    [Fact]
    public async Task A_network_change_ends_a_wait()
    {
        await using var h = With(new FakeReachability());
        (await h.Launcher.NextStartAsync()).Exit(255);
        await h.InStateAsync(TunnelState.Backoff);

        h.Supervisor.Ask(TunnelCommand.NetworkChanged, "address added");

        await h.Launcher.NextStartAsync(); // at once
        Assert.Contains(h.Log.Texts, t => t.Contains("network changed (address added)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_port_in_use_names_its_holder()
    {
        await using var h = new TunnelSupervisorHarness(wire: o => o with { DescribePortHolder = port => $"held by pid 812 (python3 -m http.server {port})" });
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say("bind [127.0.0.1]:15432: Address already in use");
        ssh.Say("Could not request local forwarding.");
        ssh.Exit(255);
        await h.InStateAsync(TunnelState.Backoff);

        Assert.Contains("held by pid 812 (python3 -m http.server 15432)", h.Supervisor.Status.LastError, StringComparison.Ordinal);
        Assert.Contains(h.Log.Texts, t => t.Contains("local port 15432 is already in use, held by pid 812", StringComparison.Ordinal));
    }

    /// <summary>One look of the stall watch at ssh's connection: once its poll is armed, the clock
    /// moves by one poll, and the look happens.</summary>
    private static async Task LookAsync(TunnelSupervisorHarness h, FakeReachability reachability)
    {
        await h.Clock.ArmedAsync(d => d == ConnectStallWatch.Poll).Within("the stall watch's poll");
        h.Clock.Advance(ConnectStallWatch.Poll);
        await reachability.LookedAsync().Within("the stall watch looks");
    }
}
